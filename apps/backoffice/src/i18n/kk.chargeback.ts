import type { ruChargeback } from './ru.chargeback';

/** The back office's Kazakh texts of the chargeback panel on a dispute case (features/disputes/ChargebackPanel.tsx). */
export const kkChargeback: typeof ruChargeback = {
  chargeback: {
    title: 'Мерчантқа чарджбэк',
    merchant: 'Мерчант',
    payment: 'Төлем',
    copyPayment: 'Төлем нөмірін көшіру',
    amount: 'Чарджбэк сомасы',
    status: 'Мәртебе',
    status_needs_response: 'Мерчанттың жауабын күтуде',
    status_under_review: 'Мерчант жауап берді',
    status_won: 'Мерчант ұтты',
    status_lost: 'Мерчант ұтылды',
    status_withdrawn: 'Клиент кері қайтарып алды',
    consequence: 'Клиентке қайтару ақшаны мерчанттан алады; бас тарту оны мерчантта қалдырады.',
    respondBy: 'Мерчант жауап беру мерзімі',
    overdue: 'Жауап беру мерзімі өтті',
    opened: 'Ашылды',
    closed: 'Жабылды',
    response: 'Мерчанттың жауабы',
    noResponse: 'Мерчант әлі жауап берген жоқ.',
    response_evidence: 'Дәлелдер жіберді',
    response_accept: 'Чарджбэкпен келіседі',
    chargedBack: 'Мерчанттан алынды',
    recovered: 'Мерчант шотынан төленгені',
    owed: 'Келесі төлемнен ұсталатыны',
  },
};
