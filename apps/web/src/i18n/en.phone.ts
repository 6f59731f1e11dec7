import type { ruPhoneChange } from './ru.phone';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The keys of ru.phone.ts, every leaf a string: kk and en must have them all, and no other. */
export type PhoneChangeTranslation = DeepStrings<typeof ruPhoneChange>;

/** English strings of the phone number change and its cooling period. */
export const enPhoneChange: PhoneChangeTranslation = {
  phoneChange: {
    title: 'Change the phone number',
    lead: 'The number that gets the codes for logging in and confirming operations.',
    cardTitle: 'Phone number for logging in',
    cardText: 'SMS codes for logging in and confirming operations come to this number.',
    profileNote: 'To change your name or IIN, call the contact center at {{phone}}.',
    open: 'Change phone number',
    beforeTitle: 'How it works',
    beforeSteps: 'You will need your password, an SMS code sent to your current number and one sent to the new number.',
    beforeNotice: 'Your current number will get an SMS about the change.',
    beforeSessions: 'Every other login to the internet bank ends; this one stays.',
    beforeCooling:
      'For your safety, for {{hours}} h after the change transfers to other people are limited to {{amount}} a day, and no new trusted payees or devices can be added.',
    noOldPhone:
      'You no longer have your current number? Call the contact center at {{phone}}: an operator changes the number once they are sure it is you.',
    begin: 'Start',
    stepNumber: 'Number',
    stepPassword: 'Password',
    stepOldCode: 'SMS 1',
    stepNewCode: 'SMS 2',
    stepDone: 'Done',
    newPhoneLabel: 'New mobile number',
    newPhoneHint: 'A number with the code +7, for example +7 701 123 45 67',
    newPhoneInvalid: 'Enter a number with the code +7 and 10 digits',
    next: 'Continue',
    passwordIntro: 'Confirm it is you: enter your internet bank password. The new number is {{phone}}.',
    passwordLabel: 'Internet bank password',
    passwordRequired: 'Enter your password',
    sendCode: 'Get a code',
    otherNumber: 'Use another number',
    oldCodeIntro: 'We sent a code to your current number {{phone}}. The SMS names the new number: check that it is yours.',
    newCodeIntro: 'Now enter the code sent to the new number {{phone}}.',
    confirm: 'Confirm',
    changeNow: 'Change the number',
    startOver: 'Start again',
    usedUp: 'Start the change again: a new code will come to your current number.',
    doneTitle: 'Number changed',
    doneText: 'Codes now come to {{phone}}. Your previous number got an SMS about the change.',
    doneSessions: 'Your other logins to the internet bank have ended.',
    backToProfile: 'Back to the profile',
    cancel: 'Cancel',
    coolingTitle: 'The phone number was changed recently',
    coolingText: 'For your safety, until {{until}}: transfers up to {{amount}} a day, no new trusted payees or devices.',
    untilToday: '{{time}} today',
    untilTomorrow: '{{time}} tomorrow',
  },
};
