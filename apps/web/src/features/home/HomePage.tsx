import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../lib/usePageTitle';
import { ButtonLink, Card, CardIcon, CartIcon, LoadingState, ReceiptIcon, ShieldIcon, TransferIcon } from '../../ui';
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
