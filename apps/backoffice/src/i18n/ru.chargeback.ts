/**
 * The back office's Russian texts of the chargeback panel on a dispute case
 * (features/disputes/ChargebackPanel.tsx, issue 15 item 7); kk and en are typed against it.
 */
export const ruChargeback = {
  chargeback: {
    title: 'Чарджбэк мерчанту',
    merchant: 'Мерчант',
    payment: 'Платёж',
    copyPayment: 'Скопировать номер платежа',
    amount: 'Сумма чарджбэка',
    status: 'Статус',
    status_needs_response: 'Ждёт ответа мерчанта',
    status_under_review: 'Мерчант ответил',
    status_won: 'Мерчант выиграл',
    status_lost: 'Мерчант проиграл',
    status_withdrawn: 'Клиент отозвал',
    consequence: 'Возврат клиенту спишет деньги с мерчанта; отказ оставит их мерчанту.',
    respondBy: 'Мерчант должен ответить до',
    overdue: 'Срок ответа прошёл',
    opened: 'Открыт',
    closed: 'Закрыт',
    response: 'Ответ мерчанта',
    noResponse: 'Мерчант ещё не ответил.',
    response_evidence: 'Прислал доказательства',
    response_accept: 'Согласен с чарджбэком',
    chargedBack: 'Списано с мерчанта',
    recovered: 'Уже оплачено со счёта мерчанта',
    owed: 'Осталось удержать из следующей выплаты',
  },
};
