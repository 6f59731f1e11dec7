/**
 * Russian strings of the transfer by card number (features/transfers, issue 14 item 7). Kept
 * beside ru.ts like ru.money.ts; kk and en must have the same keys (en.cardTransfer.ts).
 */
export const ruCardTransfer = {
  cardTransfer: {
    title: 'Перевод по номеру карты',
    cardNumber: 'Номер карты получателя',
    cardNumberHint: '16 цифр с лицевой стороны карты. Мы не храним номер.',
    cardNumberEmpty: 'Введите номер карты',
    cardNumberShort: 'В номере карты 16–19 цифр',
    cardNumberWrong: 'Номер не сходится — проверьте цифры',
    cardNumberOk: 'Номер карты выглядит верно',
    ownCard: 'Это ваша карта: деньги придут на её счёт сразу, без кода.',
    otherBank: 'Карта другого банка. Комиссия {{fee}}; деньги отправим через платёжную систему.',
    otherBankNoFee: 'Карта другого банка: деньги отправим через платёжную систему.',
    nobody: 'В Kassa нет карты с таким номером — проверьте цифры.',
  },
};
