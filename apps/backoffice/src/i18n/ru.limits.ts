/**
 * The back office's Russian texts of a customer's transfer limits: the part of the customer's file
 * with the "Raise a limit" form (customer-file/LimitsPart.tsx), and a limit_raise request's details
 * in the approvals queue; kk.limits.ts and en.limits.ts are typed against it.
 */
export const ruLimits = {
  limitRaise: {
    title: 'Лимиты переводов другим людям',
    limit_per_operation: 'На один перевод',
    limit_per_day: 'В день',
    limit_per_month: 'В месяц',
    cooling: 'В день после смены номера, до {{until}}',
    used: 'использовано {{used}}',
    defaultAndCeiling: 'по умолчанию {{default}}, не выше {{ceiling}}',
    raised: 'Повышен',
    formTitle: 'Повысить лимит',
    formLead:
      'Запрос подтверждает другой сотрудник службы безопасности. Когда лимит изменится, клиент получит SMS. Лимиты электронного кошелька по закону не повышаются.',
    limit: 'Лимит',
    amount: 'Новый лимит, ₸',
    amountHint: 'Выше действующего ({{current}}) и не выше {{ceiling}}',
    amountInvalid: 'Введите сумму в тенге, например 5 000 000',
    amountNotHigher: 'Новый лимит должен быть выше действующего',
    amountOverCeiling: 'Не выше {{ceiling}}',
    reason: 'Причина: что просил клиент и почему',
    reasonRequired: 'Опишите причину, не короче 5 символов',
    submit: 'Отправить на подтверждение',
    sent: 'Запрос отправлен. Его подтвердит другой сотрудник службы безопасности.',
    pendingTitle: 'Ждёт подтверждения',
    pending: '{{limit}}: {{from}} → {{to}}. Ждёт решения до {{expires}}.',
    openRequest: 'Открыть запрос',
    approvalLimit: 'Какой лимит',
    approvalFrom: 'Был при запросе',
    approvalTo: 'Новый лимит',
  },
};
