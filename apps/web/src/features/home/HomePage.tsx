import { lazy, type ReactNode, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { ButtonLink, Card, FingerprintIcon, HistoryIcon, LoadingState, ShieldIcon, TransferIcon, WalletIcon } from '../../ui';
import { useSession } from '../auth/session';

// A customer's dashboard is a chunk of its own: a visitor's first screen does not carry it.
const Dashboard = lazy(() => import('./Dashboard').then((module) => ({ default: module.Dashboard })));

interface Feature {
  id: string;
  icon: ReactNode;
  title: string;
  text: string;
}

function LandingPage() {
  const { t } = useTranslation();
  // Only what the bank does today: no feature is promised before it exists (issue 12 item 7).
  const features: Feature[] = [
    { id: 'transfers', icon: <TransferIcon />, title: t('home.transfers'), text: t('home.transfersText') },
    { id: 'accounts', icon: <WalletIcon />, title: t('home.accounts'), text: t('home.accountsText') },
    { id: 'history', icon: <HistoryIcon />, title: t('home.history'), text: t('home.historyText') },
    { id: 'quick-login', icon: <FingerprintIcon />, title: t('home.quickLogin'), text: t('home.quickLoginText') },
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

export function HomePage() {
  const { t } = useTranslation();
  const { state } = useSession();
  usePageTitle(state.status === 'authenticated' ? t('dashboard.title') : t('nav.home'));
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'authenticated')
    return (
      <Suspense fallback={<LoadingState />}>
        <Dashboard session={state.session} />
      </Suspense>
    );
  return <LandingPage />;
}
