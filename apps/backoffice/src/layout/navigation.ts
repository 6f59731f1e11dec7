import {
  FlagIcon,
  HistoryIcon,
  HomeIcon,
  type IconProps,
  LockIcon,
  PhoneIcon,
  ReceiptIcon,
  ShieldIcon,
  SuccessIcon,
  UserIcon,
  UsersIcon,
  WalletIcon,
} from '@kassa/ui';
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
  // customers.file with a reason: security officers search and open files (features/customers).
  { to: '/customers', label: 'customers.nav', icon: UserIcon, roles: ['security_officer'] },
  // incidents.work: the security officers' queue (features/incidents).
  { to: '/incidents', label: 'incidents.nav', icon: ShieldIcon, roles: ['security_officer'] },
  // disputes.work: operators and security officers (features/disputes).
  { to: '/disputes', label: 'disputes.nav', icon: FlagIcon, roles: ['operator', 'security_officer'] },
  // blocks.unblock.request: the security officers' list of blocks in force (features/blocks).
  { to: '/blocks', label: 'blocks.nav', icon: LockIcon, roles: ['security_officer'] },
  // approvals.decide: the maker-checker queue (features/approvals).
  { to: '/approvals', label: 'approvals.nav', icon: SuccessIcon, roles: ['security_officer', 'admin'] },
  // audit.view: the audit viewer (features/audit).
  { to: '/audit', label: 'audit.nav', icon: HistoryIcon, roles: ['security_officer', 'admin'] },
  // merchants.view: every role reads the merchants of the payment API; admins manage them (features/merchants).
  { to: '/merchants', label: 'merchants.nav', icon: ReceiptIcon, roles: EVERY_ROLE },
  // payments.providers.view: every role reads the service-provider catalogue; admins manage it (features/providers).
  { to: '/providers', label: 'providers.nav', icon: WalletIcon, roles: EVERY_ROLE },
  // staff.manage: admins only.
  { to: '/staff', label: 'nav.staff', icon: UsersIcon, roles: ['admin'] },
];

export function sectionsFor(role: StaffRole): Section[] {
  return SECTIONS.filter((section) => section.roles.includes(role));
}
