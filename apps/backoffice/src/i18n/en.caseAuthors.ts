import type { ruCaseAuthors } from './ru.caseAuthors';

/** The English texts of ru.caseAuthors.ts: the same keys. */
export const enCaseAuthors: typeof ruCaseAuthors = {
  caseAuthor: {
    byStaff: '{{name}} · {{role}}',
  },
  sentSuppressed: {
    status: 'Not sent',
    'reason_customer-blocked': 'access is blocked: no SMS goes to this number',
  },
};
