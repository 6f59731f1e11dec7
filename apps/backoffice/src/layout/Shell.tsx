import './shell.css';
import { Button, LogoutIcon } from '@kassa/ui';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import type { StaffRole } from '../api/shapes';
import { useSession } from '../auth/session';
import { useTranslation } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { sectionsFor } from './navigation';

const MAIN_ID = 'main-content';

/** Moves focus to <main> after client-side navigation, so keyboard and screen-reader users start on the new page. */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);
  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    mainRef.current?.focus();
  }, [pathname, mainRef]);
}

function SideNav({ role }: { role: StaffRole }) {
  const { t } = useTranslation();
  return (
    <nav className="bo-nav" aria-label={t('a11y.mainNav')}>
      <ul className="bo-nav__list">
        {sectionsFor(role).map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <NavLink to={to} end={to === '/'} className="bo-nav__link">
              <Icon />
              <span>{t(label)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      className="button--compact"
      icon={<LogoutIcon />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        void logout('loggedOut');
      }}
    >
      {t('shell.logout')}
    </Button>
  );
}

/**
 * The back office's frame: a top bar (the mark, who is logged in and in which role, the language
 * switch, Logout) and, for a logged-in staff member, the sections of their role beside the page
 * from 48rem up, above it on a phone.
 */
export function Shell() {
  const { t } = useTranslation();
  const { state } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);
  const staff = state.status === 'authenticated' ? state.session.staff : null;
  return (
    <div className="bo">
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('a11y.skipToContent')}
      </a>
      <header className="bo-top">
        <div className="bo-top__row">
          <Link to="/" className="brand" aria-label={t('a11y.homeLink')}>
            <img className="brand__mark" src={`${import.meta.env.BASE_URL}icon.svg`} alt="" width="32" height="32" />
            <span className="bo-top__name">{t('app.name')}</span>
            <span className="bo-top__product">{t('app.product')}</span>
          </Link>
          <span className="bo-top__spacer" />
          {staff ? (
            <p className="bo-top__staff">
              <span className="bo-top__staff-name">{staff.displayName}</span>
              <span className="bo-top__staff-role">{t(`roles.${staff.role}`)}</span>
            </p>
          ) : null}
          <LanguageSwitch />
          {staff ? <LogoutButton /> : null}
        </div>
      </header>
      <div className={staff ? 'bo-body bo-body--nav' : 'bo-body'}>
        {staff ? <SideNav role={staff.role} /> : null}
        <main id={MAIN_ID} ref={mainRef} className="bo-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
