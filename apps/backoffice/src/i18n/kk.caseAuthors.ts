import type { ruCaseAuthors } from './ru.caseAuthors';

/** The Kazakh texts of ru.caseAuthors.ts: the same keys. */
export const kkCaseAuthors: typeof ruCaseAuthors = {
  caseAuthor: {
    byStaff: '{{name}} · {{role}}',
  },
  sentSuppressed: {
    status: 'Жіберілмеді',
    'reason_customer-blocked': 'қолжетімділік бұғатталған: бұл нөмірге SMS жіберілмейді',
  },
};
