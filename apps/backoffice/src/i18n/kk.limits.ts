import type { LimitsTranslation } from './en.limits';

/** The back office's Kazakh texts of a customer's transfer limits and their raise. */
export const kkLimits: LimitsTranslation = {
  limitRaise: {
    title: 'Басқа адамдарға аударым лимиттері',
    limit_per_operation: 'Бір аударымға',
    limit_per_day: 'Күніне',
    limit_per_month: 'Айына',
    cooling: 'Нөмір ауыстырылғаннан кейін күніне, {{until}} дейін',
    used: '{{used}} пайдаланылды',
    defaultAndCeiling: 'әдепкі бойынша {{default}}, ең көбі {{ceiling}}',
    raised: 'Көтерілген',
    formTitle: 'Лимитті көтеру',
    formLead:
      'Сұрауды қауіпсіздік қызметінің басқа қызметкері растайды. Лимит өзгергенде клиентке SMS келеді. Электрондық әмиян лимиттері заң бойынша көтерілмейді.',
    limit: 'Лимит',
    amount: 'Жаңа лимит, ₸',
    amountHint: 'Қазіргі лимиттен ({{current}}) жоғары және {{ceiling}} аспайтын',
    amountInvalid: 'Соманы теңгемен енгізіңіз, мысалы 5 000 000',
    amountNotHigher: 'Жаңа лимит қазіргі лимиттен жоғары болуы керек',
    amountOverCeiling: 'Ең көбі {{ceiling}}',
    reason: 'Себебі: клиент не сұрады және неге',
    reasonRequired: 'Себебін жазыңыз, кемінде 5 таңба',
    submit: 'Растауға жіберу',
    sent: 'Сұрау жіберілді. Оны қауіпсіздік қызметінің басқа қызметкері растайды.',
    pendingTitle: 'Растауды күтуде',
    pending: '{{limit}}: {{from}} → {{to}}. Шешім {{expires}} дейін күтіледі.',
    openRequest: 'Сұрауды ашу',
    approvalLimit: 'Қай лимит',
    approvalFrom: 'Сұрау кезінде',
    approvalTo: 'Жаңа лимит',
  },
};
