import type { LimitsTranslation } from './kk.limits';

/** English strings of the transfer limits card (features/security/LimitsCard). */
export const enLimits: LimitsTranslation = {
  limits: {
    cardTitle: 'Transfer limits',
    lead: 'How much you can send to other people. Moves between your own accounts have no limit.',
    per_operation: 'Per transfer',
    per_day: 'Per day',
    per_month: 'Per month',
    cooling: 'Per day after the phone number change',
    coolingUntil: 'Holds until {{until}}, even if a limit was raised.',
    used: '{{used}} of {{limit}} used',
    left: '{{left}} left',
    barLabel: 'Use of the “{{name}}” limit',
    raised: 'Raised at your request',
    howToRaise:
      'To raise a limit, call the contact center at {{phone}}. An employee checks that it is you and files the request; the security service approves it. An SMS tells you of the change.',
    emoneyNote: 'An e-wallet also has the limits set by law; those cannot be raised.',
  },
};
