import type { ruChargeback } from './ru.chargeback';

/** The back office's English texts of the chargeback panel on a dispute case (features/disputes/ChargebackPanel.tsx). */
export const enChargeback: typeof ruChargeback = {
  chargeback: {
    title: 'Chargeback to the merchant',
    merchant: 'Merchant',
    payment: 'Payment',
    copyPayment: 'Copy the payment id',
    amount: 'Chargeback amount',
    status: 'Status',
    status_needs_response: 'Awaiting the merchant’s answer',
    status_under_review: 'The merchant answered',
    status_won: 'Won by the merchant',
    status_lost: 'Lost by the merchant',
    status_withdrawn: 'Withdrawn by the customer',
    consequence: 'Refunding the customer charges the merchant back; rejecting keeps the money with the merchant.',
    respondBy: 'The merchant must answer by',
    overdue: 'Answer overdue',
    opened: 'Opened',
    closed: 'Closed',
    response: 'The merchant’s answer',
    noResponse: 'The merchant has not answered yet.',
    response_evidence: 'Sent evidence',
    response_accept: 'Accepts the chargeback',
    chargedBack: 'Charged back from the merchant',
    recovered: 'Paid from the merchant’s account so far',
    owed: 'Still owed, taken from the next payout',
  },
};
