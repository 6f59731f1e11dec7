import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useMeta } from '../api/meta';
import { useSession } from '../features/auth/session';
import { useUnreadNotifications } from '../features/notifications/unread';
import { BellIcon, Button, LogoutIcon, MailIcon, PhoneIcon, Spinner, UserIcon } from '../ui';
import { LanguageSwitch } from './LanguageSwitch';
import { OfficialDomain } from './OfficialDomain';

const MAIN_ID = 'main-content';

function navClassName() {
  return 'main-nav__link';
}

/** The logged-in customer's sections, in the order a bank customer uses them. */
const SIGNED_IN_LINKS = [
  { to: '/transfers', label: 'nav.transfers' },
  { to: '/history', label: 'nav.history' },
  { to: '/statements', label: 'nav.statements' },
  { to: '/payees', label: 'nav.payees' },
  { to: '/notifications', label: 'nav.notifications' },
  { to: '/settings', label: 'nav.settings' },
] as const;

/** The bell with the unread count; polled passively by UnreadNotificationsProvider. */
function NotificationsBell() {
  const { t } = useTranslation();
  const { unreadCount } = useUnreadNotifications();
  const count = unreadCount ?? 0;
  return (
    <Link to="/notifications" className="bell" aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}>
      <BellIcon />
      {count > 0 ? (
        <span className="bell__badge" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}

function MainNav() {
  const { t } = useTranslation();
  const { state } = useMeta();
  const devSmsInbox = state.status === 'ready' && state.meta.devSmsInbox;
  const { state: session } = useSession();
  const signedIn = session.status === 'authenticated';
  return (
    <nav className="main-nav" aria-label={t('a11y.mainNav')}>
      <ul className="main-nav__list container">
        <li>
          <NavLink to="/" end className={navClassName}>
            {t('nav.home')}
          </NavLink>
        </li>
        {signedIn
          ? SIGNED_IN_LINKS.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} className={navClassName}>
                  {t(link.label)}
                </NavLink>
              </li>
            ))
          : null}
        <li>
          <NavLink to="/security" className={navClassName}>
            {t('nav.security')}
          </NavLink>
        </li>
        {signedIn ? null : (
          <>
            <li>
              <NavLink to="/login" className={navClassName}>
                {t('nav.login')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/register" className={navClassName}>
                {t('nav.register')}
              </NavLink>
            </li>
          </>
        )}
        {devSmsInbox ? (
          <li>
            <NavLink to="/dev/sms" className={navClassName}>
              {t('nav.devSms')}
            </NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function Footer() {
  const { t } = useTranslation();
  const { state } = useMeta();
  return (
    <footer className="app-footer">
      <div className="container app-footer__grid">
        {state.status === 'ready' ? (
          <>
            <p>
              <span className="app-footer__label">{t('footer.contactCenter')}</span>
              <a className="app-footer__value" href={`tel:${state.meta.contactCenterPhone}`}>
                <PhoneIcon />
                {state.meta.contactCenterPhone}
              </a>
            </p>
            <p>
              <span className="app-footer__label">{t('footer.securityEmail')}</span>
              <a className="app-footer__value" href={`mailto:${state.meta.securityEmail}`}>
                <MailIcon />
                {state.meta.securityEmail}
              </a>
            </p>
          </>
        ) : state.status === 'loading' ? (
          <p>
            <Spinner size="small" />
          </p>
        ) : (
          <p>{t('footer.contactsUnavailable')}</p>
        )}
        <div className="stack">
          <p>
            <Link to="/security">{t('footer.securityLink')}</Link>
          </p>
          <p className="app-footer__note">{t('footer.openSource')}</p>
        </div>
      </div>
    </footer>
  );
}

/** Moves focus to <main> after client-side navigation, so keyboard and screen-reader users
 * start reading the new page instead of staying on the link they pressed. */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);
  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    mainRef.current?.focus();
  }, [pathname, mainRef]);
}

/** The signed-in customer and the Logout button the memo asks customers to always use. */
function AccountBar() {
  const { t } = useTranslation();
  const { state, logout } = useSession();
  const [busy, setBusy] = useState(false);
  if (state.status !== 'authenticated') return null;
  return (
    <div className="account-bar">
      <NotificationsBell />
      <span className="account-bar__name">
        <UserIcon />
        <span className="visually-hidden">{t('session.signedInAs')} </span>
        <span>{state.session.customer.fullName}</span>
      </span>
      <Button
        variant="secondary"
        className="button--compact"
        icon={<LogoutIcon />}
        loading={busy}
        onClick={() => {
          setBusy(true);
          void logout('loggedOut').finally(() => setBusy(false));
        }}
      >
        {t('session.logout')}
      </Button>
    </div>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('a11y.skipToContent')}
      </a>
      <header className="app-header">
        <div className="container app-header__bar">
          <Link to="/" className="brand" aria-label={t('a11y.homeLink')}>
            <img className="brand__mark" src="/icons/icon.svg" alt="" width="32" height="32" />
            <span>{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <OfficialDomain />
          <span className="app-header__spacer" />
          <LanguageSwitch />
          <AccountBar />
        </div>
        <MainNav />
      </header>
      <main id={MAIN_ID} ref={mainRef} className="app-main" tabIndex={-1}>
        <div className="container">
          <Outlet />
        </div>
      </main>
      <Footer />
    </>
  );
}
