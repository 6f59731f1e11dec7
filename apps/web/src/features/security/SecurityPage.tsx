import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { hostOf, useMeta } from '../../api/meta';
import { useTranslation } from '../../i18n';
import type { ru } from '../../i18n/ru';
import { usePageTitle } from '../../lib/usePageTitle';
import { Card, ErrorAlert, FlagIcon, LoadingState, LockIcon, MailIcon, PageHeader, PhoneIcon } from '../../ui';
import { LimitsCard } from './LimitsCard';

type SecurityKey = `security.${keyof (typeof ru)['security']}`;

interface AdviceGroup {
  id: string;
  titleKey: SecurityKey;
  itemKeys: readonly SecurityKey[];
  /** Extra content under the advice: the official domain, the contact center's phone, all contacts. */
  extra?: 'domain' | 'phone' | 'contacts';
  urgent?: boolean;
}

/**
 * Every rule of the bank's customer security memo (seed/security-memo.ru.txt), regrouped by
 * topic and reworded as plain advice. When the memo changes, change this list and the three
 * resource files together.
 */
const ADVICE_GROUPS: readonly AdviceGroup[] = [
  {
    id: 'codes',
    titleKey: 'security.codesTitle',
    itemKeys: ['security.codesOtp', 'security.codesCredentials', 'security.codesCardData', 'security.codesResponsibility'],
  },
  {
    id: 'site',
    titleKey: 'security.siteTitle',
    itemKeys: ['security.siteTypeYourself', 'security.siteNoLinks', 'security.siteCheckHttps'],
    extra: 'domain',
  },
  {
    id: 'devices',
    titleKey: 'security.devicesTitle',
    itemKeys: ['security.devicesOwnNumber', 'security.devicesOwnDevice'],
  },
  {
    id: 'review',
    titleKey: 'security.reviewTitle',
    itemKeys: ['security.reviewDaily', 'security.reviewReportNow'],
  },
  {
    id: 'lost-phone',
    titleKey: 'security.lostPhoneTitle',
    itemKeys: ['security.lostPhoneBlockSim', 'security.lostPhoneTellBank'],
    extra: 'phone',
  },
  {
    id: 'notifications',
    titleKey: 'security.notificationsTitle',
    // Only what the bank offers: there are no cards yet, so no card limits to set (issue 12 item 7).
    itemKeys: ['security.notificationsSms'],
  },
  {
    id: 'logout',
    titleKey: 'security.logoutTitle',
    itemKeys: ['security.logoutAlways'],
  },
  {
    id: 'computers',
    titleKey: 'security.computersTitle',
    itemKeys: [
      'security.computersPublicPlaces',
      'security.computersTrusted',
      'security.computersOsUpdates',
      'security.computersAntivirus',
      'security.computersScans',
    ],
  },
  {
    id: 'never-asks',
    titleKey: 'security.neverAsksTitle',
    itemKeys: ['security.neverAsksRequests', 'security.neverAsksPrograms', 'security.neverAsksHangUp'],
  },
  {
    id: 'compromise',
    titleKey: 'security.compromiseTitle',
    itemKeys: ['security.compromiseActNow'],
    extra: 'contacts',
    urgent: true,
  },
];

/** The official address, as configured on the server (meta.publicOrigin); a lock only for https. */
function OfficialDomainBox() {
  const { t } = useTranslation();
  const { state, reload } = useMeta();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const host = hostOf(state.meta.publicOrigin);
  const secure = state.meta.publicOrigin.startsWith('https://');
  return (
    <div className="domain-box">
      <span>{t('security.officialSite')}</span>
      <span className="domain-box__url">
        {secure ? <LockIcon /> : null}
        <span>{host && secure ? `https://${host}` : state.meta.publicOrigin}</span>
      </span>
    </div>
  );
}

/** The contact center's phone alone: the number to call when the phone with the codes is lost. */
function PhoneBox() {
  const { state, reload } = useMeta();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  return (
    <p>
      <a className="contact-list__value" href={`tel:${state.meta.contactCenterPhone}`}>
        <PhoneIcon />
        {state.meta.contactCenterPhone}
      </a>
    </p>
  );
}

/** Contact center phone and security e-mail, from meta. */
function ContactsBox() {
  const { t } = useTranslation();
  const { state, reload } = useMeta();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  return (
    <ul className="contact-list">
      <li className="contact-list__item">
        <span>{t('security.compromiseCall')}</span>
        <a className="contact-list__value" href={`tel:${state.meta.contactCenterPhone}`}>
          <PhoneIcon />
          {state.meta.contactCenterPhone}
        </a>
      </li>
      <li className="contact-list__item">
        <span>{t('security.compromiseWrite')}</span>
        <a className="contact-list__value" href={`mailto:${state.meta.securityEmail}`}>
          <MailIcon />
          {state.meta.securityEmail}
        </a>
      </li>
    </ul>
  );
}

const EXTRA: Record<NonNullable<AdviceGroup['extra']>, () => ReactNode> = {
  domain: () => <OfficialDomainBox />,
  phone: () => <PhoneBox />,
  contacts: () => <ContactsBox />,
};

export function SecurityPage() {
  const { t } = useTranslation();
  usePageTitle(t('security.title'));
  return (
    <div className="page">
      <PageHeader title={t('security.title')} lead={t('security.lead')} />
      {/* The memo: a lost phone or a dead SIM is blocked as fast as possible, here without the phone. */}
      <Card title={t('block.securityCardTitle')} icon={<LockIcon />} className="card--urgent">
        <p>{t('block.securityCardText')}</p>
        <p>
          <Link to="/block">{t('block.link')}</Link>
        </p>
      </Card>
      {/* The memo: a code told, operations not made, a call "from the bank" are reported at once. */}
      <Card title={t('support.securityCardTitle')} icon={<FlagIcon />} className="card--urgent">
        <p>{t('support.securityCardText')}</p>
        <p>
          <Link to="/support/report">{t('support.reportButton')}</Link>
        </p>
      </Card>
      <Card title={t('calls.securityCardTitle')} icon={<PhoneIcon />}>
        <p>{t('calls.securityCardText')}</p>
        <p>
          <Link to="/is-kassa-calling">{t('calls.securityCardLink')}</Link>
        </p>
      </Card>
      {/* Read-only: a raise is asked by phone, and a second person at the bank approves it. */}
      <LimitsCard />
      <div className="security-groups">
        {ADVICE_GROUPS.map((group) => (
          <Card key={group.id} id={`security-${group.id}`} title={t(group.titleKey)} className={group.urgent ? 'card--urgent' : undefined}>
            <ul className="advice-list">
              {group.itemKeys.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
            {group.extra ? EXTRA[group.extra]() : null}
          </Card>
        ))}
      </div>
    </div>
  );
}
