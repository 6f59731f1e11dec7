export { CAP_WINDOW_MS_MAX, type Cap, type CapDecision, type CapItem, capItem, chargeCaps } from './caps.js';
export { ScaProblem } from './sca.errors.js';
export { codeSms, registrationAttemptSms } from './sca.messages.js';
export { purgeExpired } from './sca.retention.js';
export {
  CODE_ATTEMPTS_MAX,
  CODE_TTL_MS,
  type CodePolicy,
  checkCodeRateLimit,
  codePolicy,
  type IssuedCode,
  type IssueResult,
  issueCode,
  issueFailureProblem,
  NO_PHONE,
  rateLimitProblem,
  resendCode,
  resendFailureProblem,
  type ScaPurpose,
  smsCountryProblem,
  tryIssueCode,
  type VerifyResult,
  verifyCode,
  verifyFailureProblem,
  voidCode,
} from './sca.service.js';
