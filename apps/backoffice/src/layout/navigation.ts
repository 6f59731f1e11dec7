import { HomeIcon, type IconProps, PhoneIcon, UsersIcon } from '@kassa/ui';
import type { ComponentType } from 'react';
import type { StaffRole } from '../api/shapes';
import type { TranslationKey } from '../i18n';

export interface Section {
  to: string;
  label: TranslationKey;
  icon: ComponentType<IconProps>;
  /**
   * Who sees the section. The server checks every route by its action (modules/staff/permissions.ts)
   * whatever the menu shows; the menu only leaves out what the role would be refused.
   */
  roles: readonly StaffRole[];
}

const EVERY_ROLE: readonly StaffRole[] = ['operator', 'security_officer', 'admin'];

/**
 * The back office's sections, in menu order. Only sections whose pages exist are listed: calls,
 * customers, blocks, incidents, disputes, approvals and audit join here with their pages, each with
 * the roles of its action (issue 13).
 */
export const SECTIONS: readonly Section[] = [
  { to: '/', label: 'nav.home', icon: HomeIcon, roles: EVERY_ROLE },
  // calls.handle: operators take the calls (features/calls).
  { to: '/calls', label: 'calls.nav', icon: PhoneIcon, roles: ['operator'] },
  // staff.manage: admins only.
  { to: '/staff', label: 'nav.staff', icon: UsersIcon, roles: ['admin'] },
];

export function sectionsFor(role: StaffRole): Section[] {
  return SECTIONS.filter((section) => section.roles.includes(role));
}
