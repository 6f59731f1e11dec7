/**
 * Russian strings of the transfer limits card on the security page (features/security/LimitsCard).
 * Kept beside ru.ts like ru.block.ts; the same key rules apply.
 */
export const ruLimits = {
  limits: {
    cardTitle: 'Лимиты переводов',
    lead: 'Сколько можно перевести другим людям. Переводы между своими счетами не ограничены.',
    per_operation: 'На один перевод',
    per_day: 'В день',
    per_month: 'В месяц',
    cooling: 'В день после смены номера телефона',
    coolingUntil: 'Действует до {{until}}, даже если лимит повышен.',
    used: 'Использовано {{used}} из {{limit}}',
    left: 'Осталось {{left}}',
    barLabel: 'Использование лимита «{{name}}»',
    raised: 'Повышен по вашей просьбе',
    howToRaise:
      'Чтобы повысить лимит, позвоните в контакт-центр {{phone}}. Сотрудник проверит, что это вы, и оформит запрос, а подтвердит его служба безопасности. Об изменении придёт SMS.',
    emoneyNote: 'Для электронного кошелька действуют и лимиты по закону, их повысить нельзя.',
  },
};
