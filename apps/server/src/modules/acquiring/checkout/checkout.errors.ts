import { defineProblems } from '../../../shared/problem.js';

/** The hosted checkout's refusals (problem+json, ru/kk/en by Accept-Language). */
export const CheckoutProblem = defineProblems({
  // An unknown payment and a wrong or missing token are one answer: the page cannot tell them apart.
  'checkout-not-found': {
    status: 404,
    title: {
      ru: 'Страница оплаты не найдена: вернитесь в магазин и начните оплату снова',
      kk: 'Төлем беті табылмады: дүкенге оралып, төлемді қайта бастаңыз',
      en: 'Payment page not found: go back to the shop and start the payment again',
    },
  },
  'checkout-closed': {
    status: 409,
    title: {
      ru: 'Этот платёж уже не принимает карту',
      kk: 'Бұл төлем енді картаны қабылдамайды',
      en: 'This payment no longer takes a card',
    },
  },
  'checkout-expired': {
    status: 409,
    title: {
      ru: 'Время на оплату истекло: вернитесь в магазин и начните оплату снова',
      kk: 'Төлем уақыты өтті: дүкенге оралып, төлемді қайта бастаңыз',
      en: 'The time to pay is over: go back to the shop and start the payment again',
    },
  },
  'checkout-authentication-pending': {
    status: 409,
    title: {
      ru: 'Подтверждение 3-D Secure ещё не завершено',
      kk: '3-D Secure растауы әлі аяқталған жоқ',
      en: '3-D Secure confirmation is not finished yet',
    },
  },
  'checkout-card-forgotten': {
    status: 409,
    title: {
      ru: 'Данные карты больше не хранятся: введите карту ещё раз',
      kk: 'Карта деректері енді сақталмайды: картаны қайта енгізіңіз',
      en: 'The card details are no longer kept: enter the card again',
    },
  },
  'checkout-card-invalid': {
    status: 422,
    title: { ru: 'Проверьте данные карты', kk: 'Карта деректерін тексеріңіз', en: 'Check the card details' },
  },
  'checkout-own-card-not-found': {
    status: 404,
    title: { ru: 'Карта не найдена', kk: 'Карта табылмады', en: 'Card not found' },
  },
  // Not the signed-in customer's, not an active e-wallet, or in another currency: one answer for all.
  'checkout-wallet-not-found': {
    status: 404,
    title: { ru: 'Электронный кошелёк не найден', kk: 'Электрондық әмиян табылмады', en: 'E-wallet not found' },
  },
});
