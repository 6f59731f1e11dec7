import { defineProblems } from '../../../shared/problem.js';

/** The payment API's closed set of refusals (problem+json, ru/kk/en by Accept-Language). */
export const PaymentProblem = defineProblems({
  'payment-idempotency-key-required': {
    status: 400,
    title: {
      ru: 'Нужен заголовок Idempotency-Key (до 255 символов)',
      kk: 'Idempotency-Key тақырыбы қажет (255 таңбаға дейін)',
      en: 'The Idempotency-Key header is required (up to 255 characters)',
    },
  },
  'payment-idempotency-key-reused': {
    status: 422,
    title: {
      ru: 'Этот Idempotency-Key уже использован для другого запроса',
      kk: 'Бұл Idempotency-Key басқа сұрау үшін қолданылған',
      en: 'This Idempotency-Key was already used for a different request',
    },
  },
  'payment-idempotency-key-in-use': {
    status: 409,
    title: {
      ru: 'Запрос с этим Idempotency-Key ещё выполняется: повторите позже',
      kk: 'Осы Idempotency-Key бар сұрау әлі орындалуда: кейінірек қайталаңыз',
      en: 'A request with this Idempotency-Key is still running: retry later',
    },
  },
  'payment-not-found': {
    status: 404,
    title: { ru: 'Платёж не найден', kk: 'Төлем табылмады', en: 'Payment not found' },
  },
  // Fields a schema cannot judge (the return URL's origin, the metadata's size): each named in `errors`.
  'payment-invalid': {
    status: 422,
    title: { ru: 'Проверьте данные платежа', kk: 'Төлем деректерін тексеріңіз', en: 'Check the payment’s details' },
  },
  'payment-busy': {
    status: 409,
    title: {
      ru: 'По платежу уже выполняется операция: повторите через несколько секунд',
      kk: 'Төлем бойынша операция орындалуда: бірнеше секундтан кейін қайталаңыз',
      en: 'An operation on this payment is in progress: retry in a few seconds',
    },
  },
  'payment-not-capturable': {
    status: 409,
    title: {
      ru: 'Платёж в статусе «{status}» нельзя списать: списать можно только авторизованный платёж, один раз',
      kk: '«{status}» күйіндегі төлемді есептен шығаруға болмайды: тек авторизацияланған төлем, бір рет',
      en: 'A payment in status “{status}” cannot be captured: only an authorised payment can, once',
    },
  },
  'payment-capture-exceeds-authorised': {
    status: 422,
    title: {
      ru: 'Сумма списания больше авторизованной ({authorisedMinor})',
      kk: 'Есептен шығару сомасы авторизацияланған сомадан көп ({authorisedMinor})',
      en: 'The capture is more than was authorised ({authorisedMinor})',
    },
  },
  'payment-capture-declined': {
    status: 409,
    title: {
      ru: 'Списание отклонено ({failureCode}); авторизация остаётся в силе',
      kk: 'Есептен шығару қабылданбады ({failureCode}); авторизация күшінде',
      en: 'The capture was declined ({failureCode}); the authorisation stands',
    },
  },
  'payment-not-cancelable': {
    status: 409,
    title: {
      ru: 'Платёж в статусе «{status}» нельзя отменить: для списанного оформите возврат',
      kk: '«{status}» күйіндегі төлемді болдырмауға болмайды: есептен шығарылғанын қайтарыңыз',
      en: 'A payment in status “{status}” cannot be canceled: refund a captured one instead',
    },
  },
  'payment-not-refundable': {
    status: 409,
    title: {
      ru: 'Платёж в статусе «{status}» нельзя вернуть: возврат только по списанному платежу',
      kk: '«{status}» күйіндегі төлемді қайтаруға болмайды: тек есептен шығарылған төлем',
      en: 'A payment in status “{status}” cannot be refunded: only a captured one can',
    },
  },
  'payment-merchant-suspended': {
    status: 409,
    title: {
      ru: 'Магазин сейчас не принимает оплату: деньги не списаны',
      kk: 'Дүкен қазір төлем қабылдамайды: ақша есептен шығарылған жоқ',
      en: 'The shop cannot take payments now: no money was taken',
    },
  },
  'payment-disputed': {
    status: 409,
    title: {
      ru: 'Покупатель оспорил платёж: возврат идёт через спор (ответьте на него в /disputes или примите его)',
      kk: 'Сатып алушы төлемге дау айтты: қайтару дау арқылы жүреді (оған /disputes арқылы жауап беріңіз немесе қабылдаңыз)',
      en: 'The cardholder disputed this payment: the money goes back through the dispute (answer or accept it under /disputes)',
    },
  },
  'payment-refund-exceeds-captured': {
    status: 422,
    title: {
      ru: 'Возврат больше остатка списанной суммы ({refundableMinor})',
      kk: 'Қайтару есептен шығарылған қалдықтан көп ({refundableMinor})',
      en: 'The refund is more than is left of the captured amount ({refundableMinor})',
    },
  },
  'payment-refund-declined': {
    status: 409,
    title: {
      ru: 'Возврат отклонён ({failureCode})',
      kk: 'Қайтару қабылданбады ({failureCode})',
      en: 'The refund was declined ({failureCode})',
    },
  },
  'payment-not-payable': {
    status: 409,
    title: {
      ru: 'Этот платёж уже нельзя оплатить',
      kk: 'Бұл төлемді енді төлеуге болмайды',
      en: 'This payment can no longer be paid',
    },
  },
});
