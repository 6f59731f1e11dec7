import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from '../i18n';
import { currentTab, type NavItem } from './navigation';

/**
 * The phone's bottom tab bar (below 48rem; CSS hides it on wider screens): four tabs within
 * thumb reach, an icon over a short label that never truncates, the current one marked by
 * aria-current. It sits above the home indicator (env(safe-area-inset-bottom)).
 */
export function TabBar({ tabs }: { tabs: readonly NavItem[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = currentTab(pathname, tabs);
  return (
    <nav className="tab-bar" aria-label={t('a11y.tabBar')}>
      <ul className="tab-bar__list">
        {tabs.map((tab) => (
          <li key={tab.to} className="tab-bar__item">
            <Link to={tab.to} className="tab-bar__link" aria-current={tab.to === current ? 'page' : undefined}>
              {tab.icon}
              <span className="tab-bar__label">{t(tab.label)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
