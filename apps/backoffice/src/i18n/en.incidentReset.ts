import type { ruIncidentReset } from './ru.incidentReset';

/** The back office's English texts of "reset password" from a security incident (features/incidents/IncidentActions.tsx). */
export const enIncidentReset: typeof ruIncidentReset = {
  incidentReset: {
    action: 'Reset password',
    confirmTitle: 'Reset the customer’s password?',
    confirmText:
      'The customer’s current password stops working at once and all their sessions end. The customer gets an SMS: they set a new password themselves on the login screen with “Forgot your password?”, by an SMS code and their IIN. Bound devices (PIN, fingerprint) stay: if one of them is not the customer’s, revoke it separately.',
    done: 'Password reset, sessions ended: {{count}}. The customer was sent an SMS on how to set a new one.',
    timeline: 'password reset',
  },
};
