import type { ruLimits } from './ru.limits';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The keys of ru.limits.ts, every leaf a string: kk and en must have them all, and no other. */
export type LimitsTranslation = DeepStrings<typeof ruLimits>;

/** Kazakh strings of the transfer limits card (features/security/LimitsCard). */
export const kkLimits: LimitsTranslation = {
  limits: {
    cardTitle: 'Аударым лимиттері',
    lead: 'Басқа адамдарға қанша аударуға болады. Өз шоттарыңыз арасындағы аударымдар шектелмейді.',
    per_operation: 'Бір аударымға',
    per_day: 'Күніне',
    per_month: 'Айына',
    cooling: 'Телефон нөмірі ауыстырылғаннан кейін күніне',
    coolingUntil: 'Лимит көтерілсе де, {{until}} дейін қолданылады.',
    used: '{{limit}} ішінен {{used}} пайдаланылды',
    left: '{{left}} қалды',
    barLabel: '«{{name}}» лимитінің пайдаланылуы',
    raised: 'Сіздің өтінішіңіз бойынша көтерілді',
    howToRaise:
      'Лимитті көтеру үшін {{phone}} байланыс орталығына қоңырау шалыңыз. Қызметкер сіз екеніңізді тексеріп, сұрау рәсімдейді, ал оны қауіпсіздік қызметі растайды. Өзгеріс туралы SMS келеді.',
    emoneyNote: 'Электрондық әмиянға заң бойынша белгіленген лимиттер де қолданылады, оларды көтеруге болмайды.',
  },
};
