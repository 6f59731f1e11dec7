import type { StaffRole } from '../api/shapes';
import { useTranslation } from '../i18n';

/** Who at the bank took a case's step or wrote its note, as the server names them (staff's lookup). */
export interface StaffRef {
  id: string;
  name: string;
  role: StaffRole;
}

/**
 * "Name · role" for a staff member's step or note, the customer for a step with nobody at the
 * bank behind it: a colleague reads who did what without looking an id up.
 */
export function StaffByline({ staff }: { staff: StaffRef | null }) {
  const { t } = useTranslation();
  return <>{staff ? t('caseAuthor.byStaff', { name: staff.name, role: t(`roles.${staff.role}`) }) : t('cases.bySystem')}</>;
}
