import type { FieldError } from '../../../shared/problem.js';
import { type HeldCard, isLuhnValid } from '../../cards/index.js';

/**
 * The card as the buyer typed it on the hosted checkout, judged before anything is sent: a
 * number of 12-19 digits with a valid Luhn digit, an expiry that has not passed, a CVC2 of 3 or 4
 * digits, a Latin name or none. Each wrong field is named (RFC 9457 errors, JSON pointers), in
 * the buyer's language; the values themselves are never repeated back.
 */
export interface TypedCardInput {
  pan: string;
  expiryMonth: number;
  expiryYear: number;
  cvc2: string;
  cardholderName?: string | null;
}

const NAME = /^[A-Za-z][A-Za-z .'-]{0,25}$/;

const DETAILS = {
  pan: {
    ru: 'Номер карты введён с ошибкой: проверьте цифры',
    kk: 'Карта нөмірі қате енгізілді: сандарды тексеріңіз',
    en: 'The card number is mistyped: check the digits',
  },
  expiry: {
    ru: 'Срок действия карты истёк или указан неверно',
    kk: 'Картаның қолданылу мерзімі өтті немесе қате көрсетілді',
    en: 'The card has expired or the expiry date is wrong',
  },
  cvc2: {
    ru: 'CVC2/CVV2 — 3 цифры на обороте карты',
    kk: 'CVC2/CVV2 — картаның артындағы 3 сан',
    en: 'CVC2/CVV2 is the 3 digits on the back of the card',
  },
  cardholderName: {
    ru: 'Имя держателя — латинскими буквами, как на карте',
    kk: 'Ұстаушының аты — картадағыдай латын әріптерімен',
    en: 'The cardholder name in Latin letters, as on the card',
  },
};

/** The card as the vault holds it, or the fields that are wrong. `now`'s month counts as not expired. */
export function judgeTypedCard(input: TypedCardInput, now: Date): { card: HeldCard } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const pan = input.pan.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(pan) || !isLuhnValid(pan)) errors.push({ pointer: '/pan', detail: DETAILS.pan });
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const expiryMonth = input.expiryYear * 12 + (input.expiryMonth - 1);
  if (input.expiryMonth < 1 || input.expiryMonth > 12 || expiryMonth < thisMonth)
    errors.push({ pointer: '/expiryMonth', detail: DETAILS.expiry });
  if (!/^\d{3,4}$/.test(input.cvc2)) errors.push({ pointer: '/cvc2', detail: DETAILS.cvc2 });
  const name = input.cardholderName?.trim() ? input.cardholderName.trim().toUpperCase() : null;
  if (name !== null && !NAME.test(name)) errors.push({ pointer: '/cardholderName', detail: DETAILS.cardholderName });
  if (errors.length > 0) return { errors };
  const expiry = `${String(input.expiryYear % 100).padStart(2, '0')}${String(input.expiryMonth).padStart(2, '0')}`;
  return { card: { pan, expiry, cvc2: input.cvc2, cardholderName: name } };
}
