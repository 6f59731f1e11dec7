import { defineProblems, ProblemError } from '../../shared/problem.js';
import type { CardStatus } from './cards.types.js';

/** The cards module's closed set of refusals (problem+json), in the customer's language. */
export const CardProblem = defineProblems({
  // SECURITY.md 23: another customer's card is "not found", like a card that does not exist.
  'card-not-found': {
    status: 404,
    title: { ru: 'Карта не найдена', kk: 'Карта табылмады', en: 'Card not found' },
  },
  'card-account-not-found': {
    status: 404,
    title: {
      ru: 'Нет такого вашего счёта или кошелька',
      kk: 'Сізде мұндай шот немесе әмиян жоқ',
      en: 'You have no such account or wallet',
    },
  },
  'card-account-unavailable': {
    status: 409,
    title: {
      ru: 'К этому счёту сейчас нельзя выпустить карту: он заблокирован или закрыт',
      kk: 'Бұл шотқа қазір карта шығару мүмкін емес: ол бұғатталған немесе жабылған',
      en: 'A card cannot be issued on this account now: it is frozen or closed',
    },
  },
  'card-agreement-required': {
    status: 403,
    title: {
      ru: 'Чтобы выпустить карту, нужен договор с банком или электронный кошелёк',
      kk: 'Карта шығару үшін банкпен шарт немесе электрондық әмиян қажет',
      en: 'Issuing a card needs a banking agreement or an e-wallet',
    },
  },
  'card-limit-reached': {
    status: 409,
    title: {
      ru: 'У вас уже {max} действующих карт. Закройте ненужную, чтобы выпустить новую',
      kk: 'Сізде {max} жарамды карта бар. Жаңасын шығару үшін қажетсізін жабыңыз',
      en: 'You already have {max} cards in use. Close one you do not need to issue a new one',
    },
  },
  'card-idempotency-mismatch': {
    status: 422,
    title: {
      ru: 'Этот ключ идемпотентности уже использован для другого запроса',
      kk: 'Бұл идемпотенттілік кілті басқа сұрау үшін қолданылған',
      en: 'This idempotency key was already used for another request',
    },
  },
  'card-idempotency-key-required': {
    status: 400,
    title: {
      ru: 'Нужен заголовок Idempotency-Key',
      kk: 'Idempotency-Key тақырыбы қажет',
      en: 'The Idempotency-Key header is required',
    },
  },
  // A step the status machine does not allow (cards.types.ts CARD_TRANSITIONS).
  'card-status-refused': {
    status: 409,
    title: {
      ru: 'С картой в этом состоянии так сделать нельзя',
      kk: 'Осы күйдегі картамен бұлай істеуге болмайды',
      en: 'This cannot be done with the card in its present state',
    },
  },
  // Issue 14 item 6 with modules/blocks: while the bank has blocked access, a card stays frozen.
  'card-blocked-by-bank': {
    status: 423,
    title: {
      ru: 'Доступ заблокирован: карту нельзя разморозить. Позвоните {contactPhone}',
      kk: 'Қолжетімділік бұғатталған: картаны қайта іске қосу мүмкін емес. {contactPhone} нөміріне қоңырау шалыңыз',
      en: 'Access is blocked: the card cannot be unfrozen. Call {contactPhone}',
    },
  },
  'card-limits-inconsistent': {
    status: 400,
    title: {
      ru: 'Лимит на операцию не может быть больше дневного, а дневной — больше месячного',
      kk: 'Бір операцияға лимит күндізгіден, ал күндізгі айлықтан көп болмауы керек',
      en: 'The limit per operation may not exceed the day’s, nor the day’s the month’s',
    },
  },
  'card-unlimited-too-long': {
    status: 400,
    title: {
      ru: 'Без лимита можно не больше {days} дней',
      kk: 'Лимитсіз ең көбі {days} күн болады',
      en: 'No limit can last at most {days} days',
    },
  },
  'card-confirmation-not-found': {
    status: 404,
    title: {
      ru: 'Запрос на подтверждение не найден или уже использован',
      kk: 'Растау сұрауы табылмады немесе пайдаланылған',
      en: 'No such request waiting for a code, or it was used already',
    },
  },
  'card-reveals-too-many': {
    status: 429,
    title: {
      ru: 'Данные карт можно посмотреть не больше {max} раз в час. Попробуйте позже',
      kk: 'Карта деректерін сағатына {max} реттен артық көруге болмайды. Кейінірек қайталаңыз',
      en: 'Card details can be shown at most {max} times an hour. Please try again later',
    },
  },
  'card-issue-failed': {
    status: 503,
    title: {
      ru: 'Не удалось выпустить карту, попробуйте ещё раз',
      kk: 'Картаны шығару мүмкін болмады, қайталап көріңіз',
      en: 'The card could not be issued, please try again',
    },
  },
});

/** How each status is named inside the refusal's sentence. */
const STATUS_WORDS: Readonly<Record<CardStatus, { ru: string; kk: string; en: string }>> = {
  active: { ru: 'действует', kk: 'белсенді', en: 'active' },
  frozen: { ru: 'заморожена', kk: 'уақытша бұғатталған', en: 'frozen' },
  closed: { ru: 'закрыта', kk: 'жабылған', en: 'closed' },
  expired: { ru: 'просрочена', kk: 'мерзімі өткен', en: 'expired' },
};

/** A refused status step: the status says why; `detail` carries the same in words. */
export function statusRefused(status: CardStatus): ProblemError {
  const words = STATUS_WORDS[status];
  return new ProblemError(CardProblem['card-status-refused'], {
    detail: {
      ru: `Карта ${words.ru}.`,
      kk: `Карта ${words.kk}.`,
      en: `The card is ${words.en}.`,
    },
    extensions: { cardStatus: status },
  });
}
