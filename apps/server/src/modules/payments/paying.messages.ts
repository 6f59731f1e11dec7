import type { Localized } from '../../shared/i18n.js';

/** The words of paying a provider (resolve.ts, receipts, the history), in ru/kk/en. */
export const PAYMENT_TEXTS = {
  linesRequired: {
    ru: 'Выберите, какие строки счёта оплатить',
    kk: 'Шоттың қай жолдарын төлейтініңізді таңдаңыз',
    en: 'Choose which lines of the bill to pay',
  },
  linesNotExpected: {
    ru: 'У этого поставщика нет счёта со строками',
    kk: 'Бұл жеткізушіде жолдары бар шот жоқ',
    en: 'This provider sends no bill with lines',
  },
  lineUnknown: {
    ru: 'Такой строки нет в счёте поставщика',
    kk: 'Жеткізуші шотында мұндай жол жоқ',
    en: 'The provider’s bill has no such line',
  },
  lineNotExact: {
    ru: 'Эту строку можно оплатить только полностью',
    kk: 'Бұл жолды тек толық төлеуге болады',
    en: 'This line can only be paid in full',
  },
  linesDoNotAddUp: {
    ru: 'Сумма не равна сумме выбранных строк',
    kk: 'Сома таңдалған жолдардың сомасына тең емес',
    en: 'The amount is not the sum of the chosen lines',
  },
} satisfies Record<string, Localized>;

/** The receipt's rows of a service payment (receipt-details.ts). */
export const RECEIPT_DETAIL_LABELS = {
  provider: { ru: 'Поставщик', kk: 'Жеткізуші', en: 'Provider' },
  providerBin: { ru: 'БИН поставщика', kk: 'Жеткізушінің БСН', en: 'Provider’s BIN' },
  account: { ru: 'Лицевой счёт / номер', kk: 'Дербес шот / нөмір', en: 'Account / number' },
  line: { ru: 'Оплачено: {name}', kk: 'Төленді: {name}', en: 'Paid: {name}' },
  providerReference: { ru: 'Номер платежа у поставщика', kk: 'Жеткізушідегі төлем нөмірі', en: 'Provider’s payment number' },
  providerStatus: { ru: 'У поставщика', kk: 'Жеткізушіде', en: 'At the provider' },
} satisfies Record<string, Localized>;

export const PROVIDER_STATUS_TEXTS = {
  pending: { ru: 'Передаётся поставщику', kk: 'Жеткізушіге жіберілуде', en: 'Being sent to the provider' },
  confirmed: { ru: 'Принят поставщиком', kk: 'Жеткізуші қабылдады', en: 'Accepted by the provider' },
  'awaiting-activation': {
    ru: 'Принят; зачислится, когда карту приложат к валидатору',
    kk: 'Қабылданды; картаны валидаторға тигізгенде есепке алынады',
    en: 'Accepted; credited when the card is tapped on a validator',
  },
  rejected: {
    ru: 'Поставщик отклонил платёж; банк вернёт деньги',
    kk: 'Жеткізуші төлемді қабылдамады; банк ақшаны қайтарады',
    en: 'The provider refused the payment; the bank will return the money',
  },
  void: { ru: 'Не передавался: деньги не списаны', kk: 'Жіберілмеді: ақша алынған жоқ', en: 'Not sent: no money was taken' },
} satisfies Record<string, Localized>;

/** The words of scheduled payments (schedules.ts), in ru/kk/en. */
export const SCHEDULE_TEXTS = {
  monthly: { ru: 'ежемесячно {day}-го числа', kk: 'ай сайын {day}-күні', en: 'monthly on day {day}' },
  once: { ru: '{date}', kk: '{date}', en: 'on {date}' },
  fetchNotScheduled: {
    ru: 'Счёт этого поставщика меняется каждый месяц: добавьте его в избранное, и мы напомним об оплате',
    kk: 'Бұл жеткізушінің шоты ай сайын өзгереді: оны таңдаулыға қосыңыз, төлем туралы еске саламыз',
    en: 'This provider’s bill changes every month: save it as a favourite and we will remind you to pay',
  },
  currency: {
    ru: 'Счёт списания и поставщик должны быть в одной валюте',
    kk: 'Есептен шығару шоты мен жеткізуші бір валютада болуы керек',
    en: 'The account to pay from and the provider must be in one currency',
  },
  amount: {
    ru: 'Эта сумма не подходит поставщику',
    kk: 'Бұл сома жеткізушіге сәйкес келмейді',
    en: 'The provider does not take this amount',
  },
  date: (days: number) => ({
    ru: `Выберите дату с завтрашнего дня и не дальше чем через ${days} дней, или число месяца от 1 до 28`,
    kk: `Ертеңнен бастап ${days} күннен аспайтын күнді немесе айдың 1-ден 28-ге дейінгі күнін таңдаңыз`,
    en: `Choose a date from tomorrow to ${days} days ahead, or a day of the month from 1 to 28`,
  }),
};

/** Reminders and notices of scheduled payments and bills (reminders.ts), in ru/kk/en. */
export const REMINDER_TEXTS = {
  scheduleTitle: { ru: 'Регулярный платёж', kk: 'Тұрақты төлем', en: 'Scheduled payment' },
  billTitle: { ru: 'Пора оплатить счёт', kk: 'Шотты төлеу уақыты келді', en: 'A bill is due' },
  scheduleTomorrow: {
    ru: 'Завтра оплатим {amount}: {payee}. Отменить можно в разделе «Платежи».',
    kk: 'Ертең {amount} төлейміз: {payee}. «Төлемдер» бөлімінде болдырмауға болады.',
    en: 'Tomorrow we will pay {amount}: {payee}. You can cancel it under Payments.',
  },
  billDue: {
    ru: '«{name}»: счёт нужно оплатить до {day}-го числа.',
    kk: '«{name}»: шотты айдың {day}-күніне дейін төлеу керек.',
    en: '“{name}”: the bill is due by day {day} of the month.',
  },
  runSkipped: {
    provider: {
      ru: 'Регулярный платёж {amount} ({payee}) не выполнен: поставщик больше не принимает платежи.',
      kk: '{amount} тұрақты төлем ({payee}) орындалмады: жеткізуші енді төлем қабылдамайды.',
      en: 'Scheduled payment of {amount} ({payee}) not made: the provider no longer takes payments.',
    },
    failed: {
      ru: 'Регулярный платёж {amount} ({payee}) не выполнен: поставщик не ответил. Оплатите вручную в разделе «Платежи».',
      kk: '{amount} тұрақты төлем ({payee}) орындалмады: жеткізуші жауап бермеді. «Төлемдер» бөлімінде қолмен төлеңіз.',
      en: 'Scheduled payment of {amount} ({payee}) not made: the provider did not answer. Pay it by hand under Payments.',
    },
  },
};
