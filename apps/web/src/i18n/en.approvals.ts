import type { ruApprovals } from './ru.approvals';

/** English strings of approving an online purchase in the app (see ru.approvals.ts). */
export const enApprovals: typeof ruApprovals = {
  approvals: {
    bannerTitle: 'Approve a purchase: {{amount}} at {{merchant}}',
    bannerText: 'An online purchase is waiting for your approval. Approve it only if you are making it yourself.',
    bannerMore: 'More purchases waiting for approval: {{count}}',
    bannerLink: 'View the purchase',
    title: 'Approve a purchase',
    lead: 'A shop asks you to approve a payment with your card. Check the shop, the amount and the card.',
    merchant: 'Shop',
    amount: 'Amount',
    card: 'Card',
    timeLeft: 'Time left',
    expired: 'The time to approve has run out.',
    warning: 'If you did not make this purchase, decline it and call the bank.',
    callBank: 'Contact center:',
    approve: 'Approve',
    decline: 'Decline',
    pinIntro: 'Enter this device’s PIN: together with the device’s key it approves the purchase.',
    pinSubmit: 'Approve the purchase',
    wrongPin: 'Wrong PIN. Attempts left: {{count}}. After 5 wrong attempts the device is unbound.',
    declineConfirm: 'Decline the purchase?',
    declineText: 'The payment will not go through. If it was not you, call the bank: the card can be blocked.',
    declineYes: 'Yes, decline',
    approvedTitle: 'Purchase approved',
    approvedText: 'Go back to the payment page: it will carry on by itself.',
    declinedTitle: 'Purchase declined',
    declinedText: 'The payment will not go through. If it was not you, call the bank.',
    revokedTitle: 'Device unbound',
    revokedText:
      'The PIN was wrong 5 times, and this device is no longer bound. Approve the purchase with the code from the SMS on the payment page.',
    unavailableTitle: 'This device cannot approve',
    unavailableText:
      'Purchases can be approved in the app only on the phone bound with a PIN, after logging in with that PIN. Enter the code from the SMS on the payment page instead.',
    goneTitle: 'The purchase is no longer waiting',
    goneText: 'It has already been approved or declined, or its time has run out.',
    toHome: 'Home',
    acsInApp: 'Or approve the purchase in the Kassa app on your phone',
  },
};
