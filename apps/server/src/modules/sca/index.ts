export { ScaProblem } from './sca.errors.js';
export { codeSms, registrationAttemptSms } from './sca.messages.js';
export {
  CODE_ATTEMPTS_MAX,
  CODE_TTL_MS,
  checkCodeRateLimit,
  type IssuedCode,
  issueCode,
  NO_PHONE,
  rateLimitProblem,
  resendCode,
  resendFailureProblem,
  type ScaPurpose,
  type VerifyResult,
  verifyCode,
  verifyFailureProblem,
  voidCode,
} from './sca.service.js';
