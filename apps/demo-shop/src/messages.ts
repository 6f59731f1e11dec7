import type { Language } from './catalogue.js';

/** Every word the shop's pages and answers say, in ru (the default), kk and en. */

export interface Messages {
  title: string;
  demoBanner: string;
  memoryNote: string;
  catalogue: string;
  add: string;
  basket: string;
  basketEmpty: string;
  remove: string;
  total: string;
  pay: string;
  payChoice: string;
  payTestCard: string;
  payKassa: string;
  payKassaHint: string;
  paidWith: string;
  testCards: string;
  order: string;
  statusAwaiting: string;
  statusPaid: string;
  statusFailed: string;
  statusDisputed: string;
  statusChargebackLost: string;
  backToShop: string;
  notConfigured: string;
  kassaUnavailable: string;
  orderNotFound: string;
  pageNotFound: string;
  basketRefused: string;
  failureReasons: Record<string, string>;
  failureUnknown: string;
}

const ru: Messages = {
  title: 'Демо-магазин',
  demoBanner: 'Это демонстрационный магазин, не банк: он платит через API Kassa как любой внешний магазин. Деньги не настоящие.',
  memoryNote: 'Заказы хранятся только в памяти сервера и пропадают при перезапуске.',
  catalogue: 'Каталог',
  add: 'В корзину',
  basket: 'Корзина',
  basketEmpty: 'Корзина пуста.',
  remove: 'Убрать',
  total: 'Итого',
  pay: 'Оплатить',
  payChoice: 'Как оплатить',
  payTestCard: 'Тестовой картой (песочница)',
  payKassa: 'Картой или кошельком Kassa',
  payKassaHint:
    'Для оплаты через Kassa сначала войдите в Kassa в этом браузере: на странице оплаты банка вы выберете свою виртуальную карту или электронный кошелёк. Деньги демо-банка, не настоящие.',
  paidWith: 'Способ оплаты',
  testCards:
    'Тестовые карты: 4000 0000 0000 0002 — без подтверждения; 4000 0000 0000 0101 — с 3-D Secure, код 111111; 4000 0000 0000 0309 — недостаточно средств. Срок — любой будущий, CVC2 — любые 3 цифры.',
  order: 'Заказ',
  statusAwaiting: 'ожидает оплаты',
  statusPaid: 'оплачен (подтверждено вебхуком)',
  statusFailed: 'не оплачен',
  statusDisputed: 'оспорен держателем карты: банк рассматривает спор',
  statusChargebackLost: 'чарджбэк проигран: банк вернул деньги держателю карты',
  backToShop: 'Вернуться в магазин',
  notConfigured: 'Магазин не настроен: нет ключа Kassa (запустите сервер с демо-данными).',
  kassaUnavailable: 'Kassa сейчас не принимает платёж. Попробуйте ещё раз.',
  orderNotFound: 'Такого заказа нет (заказы пропадают при перезапуске сервера).',
  pageNotFound: 'Страница не найдена.',
  basketRefused: 'Корзину можно оплатить только со страницы магазина.',
  failureReasons: {
    card_declined: 'карта отклонена',
    insufficient_funds: 'недостаточно средств',
    expired_card: 'срок карты истёк',
    authentication_failed: '3-D Secure не пройден',
    canceled: 'платёж отменён',
  },
  failureUnknown: 'платёж не прошёл',
};

const kk: Messages = {
  title: 'Демо-дүкен',
  demoBanner: 'Бұл банк емес, демонстрациялық дүкен: ол Kassa API арқылы кез келген сыртқы дүкен сияқты төлейді. Ақша шын емес.',
  memoryNote: 'Тапсырыстар тек сервер жадында сақталады және қайта іске қосқанда жоғалады.',
  catalogue: 'Каталог',
  add: 'Себетке',
  basket: 'Себет',
  basketEmpty: 'Себет бос.',
  remove: 'Алып тастау',
  total: 'Барлығы',
  pay: 'Төлеу',
  payChoice: 'Қалай төлеу керек',
  payTestCard: 'Тест картасымен (тест ортасы)',
  payKassa: 'Kassa картасымен немесе әмиянымен',
  payKassaHint:
    'Kassa арқылы төлеу үшін алдымен осы браузерде Kassa-ға кіріңіз: банктің төлем бетінде өз виртуалды картаңызды немесе электрондық әмияныңызды таңдайсыз. Ақша демо-банктікі, шын емес.',
  paidWith: 'Төлем тәсілі',
  testCards:
    'Тест карталары: 4000 0000 0000 0002 — растаусыз; 4000 0000 0000 0101 — 3-D Secure, код 111111; 4000 0000 0000 0309 — қаражат жеткіліксіз. Мерзімі — кез келген болашақ күн, CVC2 — кез келген 3 сан.',
  order: 'Тапсырыс',
  statusAwaiting: 'төлемді күтуде',
  statusPaid: 'төленді (вебхук растады)',
  statusFailed: 'төленбеді',
  statusDisputed: 'карта ұстаушысы дау ашты: банк дауды қарап жатыр',
  statusChargebackLost: 'чарджбэк ұтылды: банк ақшаны карта ұстаушысына қайтарды',
  backToShop: 'Дүкенге оралу',
  notConfigured: 'Дүкен бапталмаған: Kassa кілті жоқ (серверді демо-деректермен іске қосыңыз).',
  kassaUnavailable: 'Kassa қазір төлемді қабылдамайды. Қайталап көріңіз.',
  orderNotFound: 'Мұндай тапсырыс жоқ (сервер қайта іске қосылғанда тапсырыстар жоғалады).',
  pageNotFound: 'Бет табылмады.',
  basketRefused: 'Себетті тек дүкен бетінен төлеуге болады.',
  failureReasons: {
    card_declined: 'карта қабылданбады',
    insufficient_funds: 'қаражат жеткіліксіз',
    expired_card: 'картаның мерзімі өтті',
    authentication_failed: '3-D Secure өтпеді',
    canceled: 'төлем тоқтатылды',
  },
  failureUnknown: 'төлем өтпеді',
};

const en: Messages = {
  title: 'Demo shop',
  demoBanner: 'This is a demo shop, not the bank: it pays through the Kassa API as any outside shop would. No real money.',
  memoryNote: 'Orders are kept in the server’s memory only and are gone after a restart.',
  catalogue: 'Catalogue',
  add: 'Add to basket',
  basket: 'Basket',
  basketEmpty: 'The basket is empty.',
  remove: 'Remove',
  total: 'Total',
  pay: 'Pay',
  payChoice: 'How to pay',
  payTestCard: 'With a test card (sandbox)',
  payKassa: 'With a Kassa card or e-wallet',
  payKassaHint:
    'To pay with Kassa, sign in to Kassa in this browser first: on the bank’s payment page you then choose your own virtual card or e-wallet. The demo bank’s money, not real.',
  paidWith: 'Paid with',
  testCards:
    'Test cards: 4000 0000 0000 0002 — no confirmation; 4000 0000 0000 0101 — 3-D Secure, code 111111; 4000 0000 0000 0309 — insufficient funds. Any future expiry, any 3 digits of CVC2.',
  order: 'Order',
  statusAwaiting: 'awaiting payment',
  statusPaid: 'paid (confirmed by webhook)',
  statusFailed: 'not paid',
  statusDisputed: 'disputed by the cardholder: the bank is looking into it',
  statusChargebackLost: 'chargeback lost: the bank gave the money back to the cardholder',
  backToShop: 'Back to the shop',
  notConfigured: 'The shop is not set up: no Kassa key (start the server with demo data).',
  kassaUnavailable: 'Kassa is not taking the payment right now. Please try again.',
  orderNotFound: 'No such order (orders are gone after a server restart).',
  pageNotFound: 'Page not found.',
  basketRefused: 'The basket can be paid from the shop’s page only.',
  failureReasons: {
    card_declined: 'the card was declined',
    insufficient_funds: 'insufficient funds',
    expired_card: 'the card has expired',
    authentication_failed: '3-D Secure was not passed',
    canceled: 'the payment was canceled',
  },
  failureUnknown: 'the payment did not go through',
};

export const MESSAGES: Readonly<Record<Language, Messages>> = { ru, kk, en };

/** The buyer's words for why an order is not paid: Kassa's failure code, or "canceled". */
export function failureText(language: Language, reasonCode: string | null): string {
  const messages = MESSAGES[language];
  return (reasonCode && messages.failureReasons[reasonCode]) || messages.failureUnknown;
}
