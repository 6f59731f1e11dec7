import type { ruCardTransfer } from './ru.cardTransfer';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The keys of ru.cardTransfer.ts, every leaf a string: kk and en must have them all, and no other. */
export type CardTransferTranslation = DeepStrings<typeof ruCardTransfer>;

/** English strings of the transfer by card number. */
export const enCardTransfer: CardTransferTranslation = {
  cardTransfer: {
    title: 'Transfer by card number',
    cardNumber: "Recipient's card number",
    cardNumberHint: 'The 16 digits on the front of the card. We do not keep the number.',
    cardNumberEmpty: 'Enter the card number',
    cardNumberShort: 'A card number has 16 to 19 digits',
    cardNumberWrong: 'This number does not add up: check the digits',
    cardNumberOk: 'The card number looks right',
    ownCard: 'This is your own card: the money reaches its account at once, without a code.',
    otherBank: "Another bank's card. Fee {{fee}}; we send the money through the card network.",
    otherBankNoFee: "Another bank's card: we send the money through the card network.",
    nobody: 'No Kassa card has this number: check the digits.',
  },
};
