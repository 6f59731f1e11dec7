import type { ruLimits } from './ru.limits';

/** The keys of ru.limits.ts: kk and en must have them all. */
export type LimitsTranslation = typeof ruLimits;

/** The back office's English texts of a customer's transfer limits and their raise. */
export const enLimits: LimitsTranslation = {
  limitRaise: {
    title: 'Limits on transfers to other people',
    limit_per_operation: 'Per transfer',
    limit_per_day: 'Per day',
    limit_per_month: 'Per month',
    cooling: 'Per day after the number change, until {{until}}',
    used: '{{used}} used',
    defaultAndCeiling: 'default {{default}}, at most {{ceiling}}',
    raised: 'Raised',
    formTitle: 'Raise a limit',
    formLead:
      'Another security officer approves the request. The customer gets an SMS when the limit changes. E-wallet limits are set by law and are never raised.',
    limit: 'Limit',
    amount: 'New limit, ₸',
    amountHint: 'Above the one in force ({{current}}), at most {{ceiling}}',
    amountInvalid: 'Enter an amount in tenge, for example 5 000 000',
    amountNotHigher: 'The new limit must be above the one in force',
    amountOverCeiling: 'At most {{ceiling}}',
    reason: 'Reason: what the customer asked for, and why',
    reasonRequired: 'Give the reason, at least 5 characters',
    submit: 'Send for approval',
    sent: 'The request is sent. Another security officer will approve it.',
    pendingTitle: 'Waiting for approval',
    pending: '{{limit}}: {{from}} → {{to}}. Waiting for a decision until {{expires}}.',
    openRequest: 'Open the request',
    approvalLimit: 'Which limit',
    approvalFrom: 'When asked',
    approvalTo: 'New limit',
  },
};
