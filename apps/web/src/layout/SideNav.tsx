import { NavLink } from 'react-router-dom';
import { useTranslation } from '../i18n';
import type { NavItem } from './navigation';

/**
 * A customer's sections beside the content from 48rem up (CSS hides it on phones). A column
 * of full labels: a long Kazakh label wraps to a second line instead of being cut.
 */
export function SideNav({ sections }: { sections: readonly NavItem[] }) {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t('a11y.mainNav')}>
      <ul className="side-nav__list">
        {sections.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} end={section.to === '/'} className="side-nav__link">
              {section.icon}
              <span>{t(section.label)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
