import type { Localized } from '../../../shared/i18n.js';
import type { FailureCode } from './money.types.js';

/** Why a payment failed, as the buyer and the merchant read it (the payment's failure.message). */
export const FAILURE_MESSAGES: Readonly<Record<FailureCode, Localized>> = {
  card_declined: { ru: 'Банк отклонил оплату картой', kk: 'Банк картамен төлемді қабылдамады', en: 'The card was declined' },
  insufficient_funds: { ru: 'Недостаточно средств на карте', kk: 'Картада қаражат жеткіліксіз', en: 'The card has insufficient funds' },
  expired_card: {
    ru: 'Срок действия карты истёк или указан неверно',
    kk: 'Картаның мерзімі өтіп кеткен немесе қате көрсетілген',
    en: 'The card has expired or its expiry date is wrong',
  },
  incorrect_cvc: { ru: 'Неверный CVC2/CVV2', kk: 'CVC2/CVV2 қате', en: 'The CVC2/CVV2 is incorrect' },
  card_frozen: { ru: 'Карта заблокирована', kk: 'Карта бұғатталған', en: 'The card is blocked' },
  internet_payments_off: {
    ru: 'Оплата в интернете по карте выключена',
    kk: 'Картамен интернетте төлеу өшірілген',
    en: 'Internet payments are turned off for this card',
  },
  limit_exceeded: { ru: 'Превышен лимит по карте', kk: 'Карта лимитінен асып кетті', en: 'The card’s limit is exceeded' },
  authentication_failed: {
    ru: 'Не удалось подтвердить оплату (3-D Secure)',
    kk: 'Төлемді растау мүмкін болмады (3-D Secure)',
    en: 'The payment could not be authenticated (3-D Secure)',
  },
  authentication_rejected: {
    ru: 'Банк карты отказал в подтверждении оплаты (3-D Secure)',
    kk: 'Карта банкі төлемді растаудан бас тартты (3-D Secure)',
    en: 'The card’s bank refused to authenticate the payment (3-D Secure)',
  },
  authentication_required: {
    ru: 'Для оплаты нужно подтверждение 3-D Secure',
    kk: 'Төлеу үшін 3-D Secure растауы қажет',
    en: 'The payment needs 3-D Secure authentication',
  },
  test_mode_real_card: {
    ru: 'В тестовом режиме принимаются только тестовые карты',
    kk: 'Тест режимінде тек тест карталары қабылданады',
    en: 'Only sandbox cards are accepted in test mode',
  },
  card_network_unavailable: {
    ru: 'Платёжная система недоступна, попробуйте позже',
    kk: 'Төлем жүйесі қолжетімсіз, кейінірек қайталап көріңіз',
    en: 'The card network is unavailable, try again later',
  },
  merchant_balance_insufficient: {
    ru: 'На счёте магазина недостаточно средств для возврата',
    kk: 'Дүкен шотында қайтаруға қаражат жеткіліксіз',
    en: 'The merchant’s balance cannot cover the refund',
  },
  processing_error: {
    ru: 'Ошибка обработки платежа, попробуйте позже',
    kk: 'Төлемді өңдеу қатесі, кейінірек қайталап көріңіз',
    en: 'The payment could not be processed, try again later',
  },
};
