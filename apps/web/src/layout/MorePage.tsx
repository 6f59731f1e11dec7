import './more.css';
import { Link } from 'react-router-dom';
import { useMeta } from '../api/meta';
import { useTranslation } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';
import { Card, ChevronRightIcon, InboxIcon, PageHeader, PhoneIcon } from '../ui';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { MORE_SECTIONS } from './navigation';

/** The phone's More tab: every section that is not a tab, the language, the bank's phone and Logout. */
export function MorePage() {
  const { t } = useTranslation();
  usePageTitle(t('more.title'));
  const { state } = useMeta();
  const meta = state.status === 'ready' ? state.meta : null;
  return (
    <div className="page page--narrow">
      <PageHeader title={t('more.title')} />
      <nav aria-label={t('more.title')}>
        <ul className="menu-list">
          {MORE_SECTIONS.map((section) => (
            <li key={section.to}>
              <Link to={section.to} className="menu-list__link">
                <span className="menu-list__icon">{section.icon}</span>
                <span className="menu-list__label">{t(section.label)}</span>
                <ChevronRightIcon className="menu-list__chevron" />
              </Link>
            </li>
          ))}
          {meta?.devSmsInbox ? (
            <li>
              <Link to="/dev/sms" className="menu-list__link">
                <span className="menu-list__icon">
                  <InboxIcon />
                </span>
                <span className="menu-list__label">{t('nav.devSms')}</span>
                <ChevronRightIcon className="menu-list__chevron" />
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <Card title={t('more.language')} titleLevel={2}>
        <LanguageSwitch />
      </Card>
      {meta ? (
        <Card title={t('more.contactsTitle')} titleLevel={2}>
          <a className="contact-list__value" href={`tel:${meta.contactCenterPhone}`}>
            <PhoneIcon />
            {meta.contactCenterPhone}
          </a>
        </Card>
      ) : null}
      <div className="form-actions">
        <LogoutButton />
      </div>
    </div>
  );
}
