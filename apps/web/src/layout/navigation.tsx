import type { ReactNode } from 'react';
import type { ru } from '../i18n/ru';
import {
  BellIcon,
  DownloadIcon,
  FlagIcon,
  HistoryIcon,
  HomeIcon,
  KeypadIcon,
  LockIcon,
  MoreIcon,
  PhoneIcon,
  PlusIcon,
  ReceiptIcon,
  ShieldIcon,
  TransferIcon,
  UserIcon,
  UsersIcon,
} from '../ui';

type NavKey = `nav.${keyof (typeof ru)['nav']}`;

export interface NavItem {
  to: string;
  label: NavKey;
  icon: ReactNode;
}

/** The phone's four tabs for a customer; everything else is under More (/more). */
export const CUSTOMER_TABS = [
  { to: '/', label: 'nav.home', icon: <HomeIcon /> },
  { to: '/transfers', label: 'nav.transfers', icon: <TransferIcon /> },
  { to: '/history', label: 'nav.history', icon: <HistoryIcon /> },
  { to: '/more', label: 'nav.more', icon: <MoreIcon /> },
] satisfies readonly NavItem[];

/** A visitor's tabs on the phone: what there is to do before logging in. */
export const VISITOR_TABS = [
  { to: '/', label: 'nav.home', icon: <HomeIcon /> },
  { to: '/security', label: 'nav.security', icon: <ShieldIcon /> },
  { to: '/login', label: 'nav.login', icon: <LockIcon /> },
  { to: '/register', label: 'nav.register', icon: <PlusIcon /> },
] satisfies readonly NavItem[];

/** The customer's sections beside the content on wider screens, in the order a customer uses them. */
export const CUSTOMER_SECTIONS = [
  { to: '/', label: 'nav.home', icon: <HomeIcon /> },
  { to: '/transfers', label: 'nav.transfers', icon: <TransferIcon /> },
  { to: '/payments', label: 'nav.payments', icon: <ReceiptIcon /> },
  { to: '/history', label: 'nav.history', icon: <HistoryIcon /> },
  { to: '/statements', label: 'nav.statements', icon: <DownloadIcon /> },
  { to: '/payees', label: 'nav.payees', icon: <UsersIcon /> },
  { to: '/notifications', label: 'nav.notifications', icon: <BellIcon /> },
  { to: '/profile', label: 'nav.profile', icon: <UserIcon /> },
  { to: '/settings', label: 'nav.settings', icon: <KeypadIcon /> },
  { to: '/security', label: 'nav.securityRules', icon: <ShieldIcon /> },
  { to: '/support', label: 'nav.support', icon: <FlagIcon /> },
] satisfies readonly NavItem[];

/** The pages More leads to: with /more itself they mark the More tab as the current one. */
export const MORE_SECTIONS = [
  { to: '/profile', label: 'nav.profile', icon: <UserIcon /> },
  { to: '/statements', label: 'nav.statements', icon: <DownloadIcon /> },
  { to: '/payees', label: 'nav.payees', icon: <UsersIcon /> },
  { to: '/notifications', label: 'nav.notifications', icon: <BellIcon /> },
  { to: '/settings', label: 'nav.settings', icon: <KeypadIcon /> },
  { to: '/security', label: 'nav.securityRules', icon: <ShieldIcon /> },
  { to: '/is-kassa-calling', label: 'nav.isKassaCalling', icon: <PhoneIcon /> },
  { to: '/support', label: 'nav.support', icon: <FlagIcon /> },
] satisfies readonly NavItem[];

/** Which tab a path belongs to: its own, or More for the pages listed under More (and the rest). */
export function currentTab(pathname: string, tabs: readonly NavItem[]): string | null {
  const own = tabs.find((tab) => (tab.to === '/' ? pathname === '/' : pathname === tab.to || pathname.startsWith(`${tab.to}/`)));
  if (own) return own.to;
  const hasMore = tabs.some((tab) => tab.to === '/more');
  if (!hasMore) return null;
  // History's operation pages belong to History, top-up, the payments and the cards (shown on the home screen) to Home;
  // every other page of a customer is under More.
  if (pathname.startsWith('/operations/')) return '/history';
  // The payments open from the home screen's quick actions, as top-up does.
  if (pathname === '/payments' || pathname.startsWith('/payments/')) return '/';
  if (pathname === '/top-up' || pathname === '/cards' || pathname.startsWith('/cards/')) return '/';
  return '/more';
}
