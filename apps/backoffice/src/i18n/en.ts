import { enCalls } from './en.calls';
import { enCaseAuthors } from './en.caseAuthors';
import { enCases } from './en.cases';
import { enChargeback } from './en.chargeback';
import { enControl } from './en.control';
import { enIncidentReset } from './en.incidentReset';
import { enLimits } from './en.limits';
import { enMerchants } from './en.merchants';
import { enProviders } from './en.providers';
import { enSecurityKeys } from './en.securityKeys';
import { enStaffAdmin } from './en.staffAdmin';
import type { Translation } from './ru';

/** The back office's English texts. Same keys as ru.ts (enforced by the `Translation` type). */
export const en: Translation = {
  app: {
    name: 'Kassa',
    product: 'Back office',
    titleTemplate: '{{page}} · Kassa back office',
  },
  a11y: {
    skipToContent: 'Skip to main content',
    mainNav: 'Back office sections',
    language: 'Interface language',
    homeLink: 'Kassa back office — home',
    steps: 'Step {{current}} of {{total}}',
  },
  languages: {
    ru: 'Русский',
    kk: 'Қазақша',
    en: 'English',
    ruShort: 'Рус',
    kkShort: 'Қаз',
    enShort: 'Eng',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy. Select the text and copy it by hand.',
  },
  errors: {
    title: 'The request could not be completed',
    network: 'Could not reach the server. Check the connection and try again.',
    unexpected: 'Something unexpected went wrong (code {{status}}). Please try again later.',
    requestId: 'Request number: {{requestId}}',
    supportDetails: 'Details for support',
    fieldErrors: 'Please check these fields:',
  },
  password: {
    rule: 'At least {{min}} and at most {{max}} characters.',
    count: 'Now: {{length}}',
    show: 'Show',
    hide: 'Hide',
  },
  login: {
    title: 'Staff login',
    lead: 'For the bank’s staff only. Every action in the back office is written to the audit log.',
    username: 'Login',
    usernameRequired: 'Enter your login.',
    password: 'Password',
    passwordRequired: 'Enter your password.',
    submit: 'Continue',
    lockedHint: 'If you need to log in sooner, ask a back-office administrator.',
    notice_loggedOut: 'You have logged out of the back office.',
    notice_idle: 'Your session has ended because you were inactive.',
    notice_expired: 'Your session has ended. Please log in again.',
  },
  totp: {
    title: 'Authenticator code',
    lead: 'Open your authenticator app and enter the 6-digit code for the Kassa back office.',
    label: 'Code',
    hint: 'Six digits; pasting with spaces is fine.',
    invalid: 'Enter the six digits of the code.',
    submit: 'Log in',
    startOver: 'Enter the login and password again',
  },
  enroll: {
    title: 'Set up your authenticator app',
    lead: 'This is your first login. The second factor is mandatory: without it there is no way into the back office.',
    scan: 'Scan the QR code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or FreeOTP).',
    qrAlt: 'QR code for the authenticator app',
    manual: 'Cannot scan it? Add the key by hand (type: time-based, 6 digits, 30 seconds):',
    secret: 'Key',
    secretCopy: 'Copy the key',
    warningTitle: 'This QR code and key are for you alone',
    warningText: 'Do not photograph or forward them. They are shown once; the bank will never ask you for them.',
    codeStep: 'Enter the code the app shows: this confirms the set-up.',
    submit: 'Confirm and log in',
  },
  session: {
    checking: 'Checking your session…',
    idleTitle: 'Your session is about to end',
    idleText: 'You have been inactive in the back office. The session ends in {{seconds}} s.',
    absoluteTitle: 'Your working session is ending',
    absoluteText: 'A session lasts at most 10 hours. In {{seconds}} s you will need to log in again.',
    stay: 'Keep working',
    logout: 'Log out',
  },
  shell: {
    logout: 'Log out',
    menu: 'Menu',
  },
  nav: {
    home: 'Home',
    staff: 'Staff',
  },
  roles: {
    operator: 'Contact center operator',
    security_officer: 'Security officer',
    admin: 'Administrator',
  },
  home: {
    title: 'Hello, {{name}}',
    lead: 'You are logged in to the Kassa back office.',
    you: 'Staff member',
    name: 'Name',
    role: 'Role',
    sessionEnds: 'The session ends at the latest',
    contactsTitle: 'The bank’s contacts for customers',
    contactsLead:
      'Give customers only this number and address. The bank never calls or writes to ask for card details, an SMS code or a PIN.',
    contactCenter: 'Contact center',
    securityEmail: 'Security team',
  },
  staff: {
    title: 'Staff',
    lead: 'Every back-office staff member, their role and whether their second factor is set up.',
    username: 'Login',
    language: 'Language',
    status_active: 'Active',
    status_disabled: 'Disabled',
    totpEnrolled: 'Authenticator set up',
    totpPending: 'Sets it up at the first login',
    createdAt: 'Created',
    empty: 'No staff members yet.',
  },
  notFound: {
    title: 'Page not found',
    text: 'The back office has no such page.',
    home: 'Go to home',
  },
  ...enCalls,
  ...enCases,
  ...enCaseAuthors,
  ...enControl,
  ...enIncidentReset,
  ...enLimits,
  ...enStaffAdmin,
  ...enSecurityKeys,
  ...enMerchants,
  ...enProviders,
  ...enChargeback,
};
