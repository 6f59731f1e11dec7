import type { CardTransferTranslation } from './en.cardTransfer';

/** Kazakh strings of the transfer by card number (ru.cardTransfer.ts has the keys). */
export const kkCardTransfer: CardTransferTranslation = {
  cardTransfer: {
    title: 'Карта нөмірі бойынша аударым',
    cardNumber: 'Алушының карта нөмірі',
    cardNumberHint: 'Картаның алдыңғы бетіндегі 16 цифр. Біз нөмірді сақтамаймыз.',
    cardNumberEmpty: 'Карта нөмірін енгізіңіз',
    cardNumberShort: 'Карта нөмірінде 16–19 цифр болады',
    cardNumberWrong: 'Нөмір сәйкес келмейді — цифрларды тексеріңіз',
    cardNumberOk: 'Карта нөмірі дұрыс сияқты',
    ownCard: 'Бұл сіздің картаңыз: ақша оның шотына кодсыз, бірден түседі.',
    otherBank: 'Басқа банктің картасы. Комиссия {{fee}}; ақшаны төлем жүйесі арқылы жібереміз.',
    otherBankNoFee: 'Басқа банктің картасы: ақшаны төлем жүйесі арқылы жібереміз.',
    nobody: 'Kassa-да мұндай нөмірлі карта жоқ — цифрларды тексеріңіз.',
  },
};
