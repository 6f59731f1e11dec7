import type { ruBlock } from './ru.block';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The keys of ru.block.ts, every leaf a string: kk and en must have them all, and no other. */
export type BlockTranslation = DeepStrings<typeof ruBlock>;

/** English strings of the emergency block (features/block). */
export const enBlock: BlockTranslation = {
  block: {
    link: 'Lost your phone? Block access',
    title: 'Block access',
    lead: 'Lost your phone, or has your SIM card stopped working? Block access to internet banking at once. You do not need the phone: no SMS code is asked for.',
    stepDetails: 'Details',
    stepConfirm: 'Confirm',
    stepDone: 'Done',
    login: 'Phone or IIN',
    loginHint: 'The number your codes come to, or the 12 digits of your IIN',
    loginInvalid: 'Enter your phone number or the 12 digits of your IIN',
    password: 'Internet banking password',
    passwordRequired: 'Enter your password',
    birthDate: 'Date of birth',
    birthDateInvalid: 'Enter your date of birth',
    reason: 'What happened',
    reason_lost_phone: 'My phone is lost or stolen',
    reason_sim_stopped: 'My SIM card stopped working',
    reason_compromise: 'Someone may know my password or a code',
    reason_other: 'Something else',
    continue: 'Continue',
    confirmTitle: 'What happens as soon as access is blocked',
    confirmSessions: 'Every session in internet banking and in the app ends.',
    confirmDevices: 'PIN and fingerprint login are removed from every device.',
    confirmTransfers: 'Transfers and payments stop. Money sent to your accounts still arrives as usual.',
    confirmCodes: 'SMS codes stop coming to your number.',
    confirmUnblock: 'To unblock, call the contact center at {{phone}}: they will check that it is you.',
    submit: 'Block access',
    back: 'Change the details',
    resultTitle: 'Request received',
    resultText:
      'If the details were right, access is now blocked: sessions have ended, the PIN and fingerprint are removed, and transfers are stopped.',
    blockedNowTitle: 'Access is blocked',
    blockedNowText: 'Every session has ended, the PIN and fingerprint are removed, and transfers are stopped.',
    resultSim: 'If your phone is lost, also ask your mobile operator to block the SIM card.',
    resultUnblock: 'To unblock, call the contact center:',
    toHome: 'Go to the home page',
    sectionTitle: 'Emergency block',
    sectionText: 'If your phone is lost, your SIM card stopped working or someone may know your password, block access right now.',
    sectionButton: 'Block my access now',
    sectionConfirmTitle: 'Block access right now?',
    sectionConfirmText:
      'You will be logged out everywhere at once, the PIN and fingerprint will be removed, and transfers will stop. Only the contact center can unblock.',
    sectionConfirmYes: 'Yes, block',
    securityCardTitle: 'Lost your phone?',
    securityCardText:
      'Block access to internet banking at once, even without the phone: all it takes is your number or IIN, password and date of birth.',
  },
};
