import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionInfo } from '../api/client';
import { useSession } from '../auth/session';
import { usePageTitle } from '../lib/usePageTitle';
import {
  ButtonLink,
  Card,
  CardIcon,
  CartIcon,
  EmptyState,
  LoadingState,
  LockIcon,
  ReceiptIcon,
  ShieldIcon,
  TransferIcon,
  WalletIcon,
} from '../ui';

interface Feature {
  id: string;
  icon: ReactNode;
  title: string;
  text: string;
}

function LandingPage() {
  const { t } = useTranslation();
  const features: Feature[] = [
    { id: 'payments', icon: <ReceiptIcon />, title: t('home.payments'), text: t('home.paymentsText') },
    { id: 'transfers', icon: <TransferIcon />, title: t('home.transfers'), text: t('home.transfersText') },
    { id: 'cards', icon: <CardIcon />, title: t('home.cards'), text: t('home.cardsText') },
    { id: 'online', icon: <CartIcon />, title: t('home.online'), text: t('home.onlineText') },
  ];
  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title" className="hero__title">
          {t('home.title')}
        </h1>
        <p className="hero__lead">{t('home.lead')}</p>
        <div className="hero__actions">
          <ButtonLink to="/login" variant="primary">
            {t('home.loginCta')}
          </ButtonLink>
          <ButtonLink to="/register" variant="secondary">
            {t('home.registerCta')}
          </ButtonLink>
        </div>
        <p className="hero__note">{t('home.guestNote')}</p>
      </section>

      <section className="stack" aria-labelledby="features-title">
        <h2 id="features-title" className="section-title">
          {t('home.featuresTitle')}
        </h2>
        <ul className="feature-list">
          {features.map((feature) => (
            <Card key={feature.id} as="li" title={feature.title} titleLevel={3} icon={feature.icon}>
              <p className="muted">{feature.text}</p>
            </Card>
          ))}
        </ul>
      </section>

      <Card title={t('home.securityTitle')} icon={<ShieldIcon />}>
        <p>{t('home.securityText')}</p>
        <p>
          <Link to="/security">{t('home.securityLink')}</Link>
        </p>
      </Card>
    </div>
  );
}

/** The first screen after login. Accounts, cards and payments arrive with later issues: until
 * then it says so plainly rather than showing made-up figures. */
function Dashboard({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const { customer } = session;
  return (
    <div className="page">
      <section className="greeting" aria-labelledby="greeting-title">
        <h1 id="greeting-title" className="greeting__title">
          {t('dashboard.greeting', { name: customer.fullName })}
        </h1>
        <p className="greeting__meta">
          {t('dashboard.phone', { phone: customer.maskedPhone })}
          {customer.agreements.length > 0
            ? ` · ${customer.agreements.map((kind) => (kind === 'banking' || kind === 'emoney' ? t(`dashboard.agreement_${kind}`) : kind)).join(', ')}`
            : null}
        </p>
      </section>

      <Card title={t('dashboard.accountsTitle')} icon={<WalletIcon />}>
        <EmptyState icon={<WalletIcon />} title={t('dashboard.accountsEmpty')} description={t('dashboard.accountsEmptyText')} />
      </Card>

      <div className="grid grid--2">
        <Card title={t('dashboard.securityTitle')} icon={<LockIcon />} titleLevel={2}>
          <p className="muted">{t('dashboard.securityText')}</p>
          <p>
            <ButtonLink to="/settings" variant="secondary">
              {t('dashboard.securityLink')}
            </ButtonLink>
          </p>
        </Card>
        <Card title={t('home.securityTitle')} icon={<ShieldIcon />} titleLevel={2}>
          <p className="muted">{t('home.securityText')}</p>
          <p>
            <Link to="/security">{t('home.securityLink')}</Link>
          </p>
        </Card>
      </div>
    </div>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { state } = useSession();
  usePageTitle(state.status === 'authenticated' ? t('dashboard.title') : t('nav.home'));
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'authenticated') return <Dashboard session={state.session} />;
  return <LandingPage />;
}
