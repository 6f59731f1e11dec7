import type { LegalTexts } from './types';

/** English: the same documents as ru.ts. */
export const en: LegalTexts = {
  emoney: [
    {
      heading: '1. The parties and what this agreement is about',
      paragraphs: [
        'This agreement is between Kassa JSC (the bank, an issuer of electronic money) and you, the owner of the e-wallet.',
        'The bank opens an e-wallet in tenge for you and issues electronic money for the amount you pay in. You can transfer electronic money to other people and redeem it by transferring it to your own account.',
      ],
    },
    {
      heading: '2. How you use the e-wallet',
      paragraphs: [
        'You log in to the internet bank with your phone number, password and a code from an SMS, and on your own phone with a PIN or your fingerprint.',
        'You confirm transfers with a code from an SMS. The bank may not ask for a code for transfers between your own accounts, to trusted payees and of small amounts; the operation’s details always say so.',
      ],
    },
    {
      heading: '3. Limits',
      paragraphs: [
        'The e-wallet has the limits that the Law of the Republic of Kazakhstan “On Payments and Payment Systems” sets for your level of identification. The bank does not carry out an operation above a limit and tells you why.',
      ],
    },
    {
      heading: '4. Fees',
      paragraphs: ['Fees are charged under the bank’s tariffs. You see the fee before you confirm a transfer.'],
    },
    {
      heading: '5. Security',
      paragraphs: [
        'Never tell anyone your password, PIN or SMS codes, not even the bank’s staff. If you lose your phone or see an operation you did not make, call the bank’s contact center at once.',
      ],
    },
    {
      heading: '6. Changes and ending the agreement',
      paragraphs: [
        'The bank announces new terms in the internet bank in advance.',
        'You can redeem the remaining electronic money and end the agreement at any time by calling the contact center.',
      ],
    },
  ],
  banking: [
    {
      heading: '1. The parties and what this agreement is about',
      paragraphs: [
        'This agreement is between Kassa JSC (the bank) and you, the bank’s customer.',
        'The bank opens a current account in tenge for you and, if you wish, accounts in US dollars, euros and Russian roubles, and services them through the internet bank.',
      ],
    },
    {
      heading: '2. Operations on the account',
      paragraphs: [
        'You can transfer money by phone number to the bank’s customers, by IBAN to any bank in Kazakhstan, and between your own accounts. The account can receive transfers from other banks by its IBAN.',
        'You confirm transfers with a code from an SMS. The bank may not ask for a code for transfers between your own accounts, to trusted payees and of small amounts.',
      ],
    },
    {
      heading: '3. Statements and history',
      paragraphs: [
        'The history of every operation, accepted and declined, and statements in PDF and CSV are in the internet bank at any time.',
      ],
    },
    {
      heading: '4. Fees',
      paragraphs: ['Fees are charged under the bank’s tariffs. You see the fee before you confirm a transfer.'],
    },
    {
      heading: '5. Security',
      paragraphs: [
        'Never tell anyone your password, PIN or SMS codes, not even the bank’s staff. If you lose your phone or see an operation you did not make, call the bank’s contact center at once.',
      ],
    },
    {
      heading: '6. Changes and ending the agreement',
      paragraphs: [
        'The bank announces new terms in the internet bank in advance.',
        'You can end the agreement by calling the contact center; the bank transfers the remaining money as you instruct.',
      ],
    },
  ],
  'personal-data': [
    {
      heading: '1. Who processes the data',
      paragraphs: [
        'Kassa JSC processes your personal data under the Law of the Republic of Kazakhstan “On Personal Data and Their Protection”.',
      ],
    },
    {
      heading: '2. Which data',
      paragraphs: [
        'Your surname, given name and patronymic, IIN, phone number, details of your accounts and operations, and of your logins to the internet bank: the time, IP address, browser and device.',
      ],
    },
    {
      heading: '3. What for',
      paragraphs: [
        'To sign and perform the agreement, to make sure that it is you who makes each operation, to protect your money from fraudsters and to meet the requirements of the law.',
      ],
    },
    {
      heading: '4. How the bank keeps them',
      paragraphs: [
        'The IIN is stored encrypted; the password and codes only in a form they cannot be recovered from. Staff see the data only when their work needs it.',
      ],
    },
    {
      heading: '5. Whom the bank gives them to',
      paragraphs: [
        'The mobile operator gets only the phone number and the text of an SMS, to deliver it. State bodies get data only when the law requires it.',
      ],
    },
    {
      heading: '6. How long, and withdrawing consent',
      paragraphs: [
        'The consent lasts as long as the agreement and then for as long as the law requires the records to be kept. You can withdraw it by calling the contact center; without it the bank cannot continue the agreement.',
      ],
    },
  ],
};
