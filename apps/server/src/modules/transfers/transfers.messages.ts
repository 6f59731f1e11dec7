import type { Localized } from '../../shared/i18n.js';

/** The words of the transfers module's field errors (the problems' titles are in transfers.errors.ts). */

/** Why an IBAN is refused, as the field under it says (iban-check.ts). */
export const IBAN_FIELD_ERRORS = {
  checksum: {
    ru: 'Проверьте IBAN: в нём ошибка, контрольные цифры не сходятся',
    kk: 'IBAN-ды тексеріңіз: онда қате бар, бақылау сандары сәйкес келмейді',
    en: 'Check the IBAN: there is a mistake in it, the check digits do not match',
  },
  length: {
    ru: 'Проверьте IBAN: в казахстанском IBAN 20 символов, он начинается с KZ',
    kk: 'IBAN-ды тексеріңіз: қазақстандық IBAN 20 таңбадан тұрады және KZ-тен басталады',
    en: 'Check the IBAN: a Kazakh IBAN has 20 characters and starts with KZ',
  },
  format: {
    ru: 'Проверьте IBAN: две буквы страны, две цифры и номер счёта',
    kk: 'IBAN-ды тексеріңіз: елдің екі әрпі, екі сан және шот нөмірі',
    en: 'Check the IBAN: two country letters, two digits and the account number',
  },
} as const satisfies Record<string, Localized>;

export const NOT_A_MOBILE: Localized = {
  ru: 'Это не номер мобильного телефона',
  kk: 'Бұл ұялы телефон нөмірі емес',
  en: 'This is not a mobile number',
};

/** A phone transfer to one's own number: the form says so, no operation is made. */
export const OWN_PHONE: Localized = {
  ru: 'Это ваш номер. Чтобы перевести между своими счетами, выберите «Между своими счетами»',
  kk: 'Бұл сіздің нөміріңіз. Өз шоттарыңыз арасында аудару үшін «Өз шоттарым арасында» таңдаңыз',
  en: 'This is your own number. To move money between your accounts, choose "Between own accounts"',
};

/** An IBAN transfer to one of one's own accounts: the same advice. */
export const OWN_IBAN: Localized = {
  ru: 'Это ваш счёт. Чтобы перевести между своими счетами, выберите «Между своими счетами»',
  kk: 'Бұл сіздің шотыңыз. Өз шоттарыңыз арасында аудару үшін «Өз шоттарым арасында» таңдаңыз',
  en: 'This is your own account. To move money between your accounts, choose "Between own accounts"',
};

export const PHONE_OR_IBAN: Localized = {
  ru: 'Укажите номер телефона, IBAN или номер карты получателя',
  kk: 'Алушының телефон нөмірін, IBAN-ын немесе карта нөмірін көрсетіңіз',
  en: "Give the payee's phone number, IBAN or card number",
};

/** A card number of 16 to 19 digits whose last digit is its Luhn check digit (by-card.ts). */
export const CARD_NUMBER_INVALID: Localized = {
  ru: 'Проверьте номер карты: в нём 16–19 цифр, и последняя должна сходиться с остальными',
  kk: 'Карта нөмірін тексеріңіз: онда 16–19 цифр болады, соңғысы қалғандарымен сәйкес келуі керек',
  en: 'Check the card number: it has 16 to 19 digits, and the last one must match the others',
};
