/**
 * The back office's Russian texts of who took a case's step or wrote its note (by name and role,
 * customer-file/StaffByline.tsx), and of an SMS the bank held back on purpose (the customer
 * file's notifications, customer-file/FileParts.tsx). kk.caseAuthors.ts and en.caseAuthors.ts
 * are typed against it.
 */
export const ruCaseAuthors = {
  caseAuthor: {
    byStaff: '{{name}} · {{role}}',
  },
  sentSuppressed: {
    status: 'Не отправлено',
    'reason_customer-blocked': 'доступ заблокирован: на этот номер SMS не отправляются',
  },
};
