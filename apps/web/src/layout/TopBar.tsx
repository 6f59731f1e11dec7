import { Link, NavLink } from 'react-router-dom';
import { useSession } from '../features/auth/session';
import { useUnreadNotifications } from '../features/notifications/unread';
import { useTranslation } from '../i18n';
import { BellIcon } from '../ui';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { VISITOR_TABS } from './navigation';
import { OfficialDomain } from './OfficialDomain';

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

/** A visitor's links on wider screens; on a phone the tab bar carries them. */
function VisitorNav() {
  const { t } = useTranslation();
  return (
    <nav className="top-nav" aria-label={t('a11y.mainNav')}>
      <ul className="top-nav__list">
        {VISITOR_TABS.filter((item) => item.to !== '/').map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="top-nav__link">
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * One row on every screen: the logo, the official domain (the memo: check the address), then a
 * visitor's language switch or a customer's bell and Logout. A customer's language switch is
 * under More on a phone, in this row from 48rem up.
 */
export function TopBar() {
  const { t } = useTranslation();
  const { state } = useSession();
  const signedIn = state.status === 'authenticated';
  return (
    <header className="top-bar">
      <div className="container top-bar__row">
        <Link to="/" className="brand" aria-label={t('a11y.homeLink')}>
          <img className="brand__mark" src="/icons/icon.svg" alt="" width="32" height="32" />
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </Link>
        <OfficialDomain />
        <span className="top-bar__spacer" />
        {state.status === 'anonymous' ? <VisitorNav /> : null}
        <div className={signedIn ? 'top-bar__language top-bar__language--wide-only' : 'top-bar__language'}>
          <LanguageSwitch />
        </div>
        {signedIn ? (
          <>
            <NotificationsBell />
            <Link to="/profile" className="top-bar__name">
              <span className="visually-hidden">{t('session.signedInAs')} </span>
              {state.session.customer.fullName}
            </Link>
            <LogoutButton compact />
          </>
        ) : null}
      </div>
    </header>
  );
}
