import type { ruCalls } from './ru.calls';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The keys of ru.calls.ts, every leaf a string: kk and en must have them all, and no other. */
export type CallsTranslation = DeepStrings<typeof ruCalls>;

/** English strings of "Is Kassa calling me?". */
export const enCalls: CallsTranslation = {
  calls: {
    title: 'Is Kassa calling me?',
    lead: 'Check here whether the person you are talking to really is from Kassa.',
    activeTitle: 'Yes, this is Kassa',
    active: 'You are talking to {{name}} from Kassa now (call started {{time}}).',
    activeInbound: 'You called the contact center yourself, and the operator confirmed it is you with the SMS code.',
    activeOutbound: 'Kassa called you. We will not ask you for a code, card details or your PIN.',
    activeCheck: 'If the caller gives another name, or asks for a code, card details or your PIN, hang up and call us yourself.',
    noneTitle: 'No, Kassa is not calling you',
    none: 'No one from Kassa is calling you now. Hang up: we never ask for codes, card details or your PIN.',
    callBack: 'To talk to the bank, call the contact center yourself:',
    refreshing: 'This page refreshes by itself every few seconds.',
    checkedAt: 'Checked at {{time}}',
    unavailable: 'We could not check. If in doubt, hang up and call us yourself.',
    signedOutTitle: 'Log in to check the call',
    signedOut: 'Once you are logged in, this page shows whether someone from Kassa is talking to you now.',
    signedOutAdvice: 'Kassa never asks for SMS codes, card details or your PIN on the phone. Anyone who asks is a fraudster: hang up.',
    login: 'Log in and check',
    bannerTitle: 'You are talking to {{name}} from Kassa now',
    bannerText: 'The call started at {{time}}.',
    bannerLink: 'About this call',
    securityCardTitle: 'Is the bank calling you?',
    securityCardText: 'While someone from Kassa is talking to you, the internet bank shows it. Check before you go on with the call.',
    securityCardLink: 'Check whether Kassa is calling',
  },
};
