/**
 * Strong customer authentication: one-time codes bound to a purpose and to the operation's details
 * (RTS art. 4, 5), and the caps on them (SECURITY.md 10, 33). The steps that need a code (login,
 * reset, registration, a device binding, an operation) issue, resend and verify it here and keep
 * only its challenge id; where a challenge stands they ask challengeState, never sca_challenges.
 */
export { capItem, chargeCaps } from './caps.js';
export { checkCodeRateLimit, codePolicy } from './code-caps.js';
export { codesHeldFor, holdCodes, lockPendingCodesOf, releaseCodes, voidPendingCodesOf } from './holds.js';
export {
  issueFailureProblem,
  rateLimitProblem,
  resendFailureProblem,
  smsCountryProblem,
  verifyFailureProblem,
} from './sca.errors.js';
export { codeSms, codeSmsText } from './sca.messages.js';
export { purgeExpired } from './sca.retention.js';
export {
  challengeState,
  issueCode,
  resendCode,
  resendStepCode,
  tryIssueCode,
  verifyCode,
  voidCode,
} from './sca.service.js';
export { type IssueResult, NO_PHONE, type ResendResult, type VerifyResult } from './sca.types.js';
