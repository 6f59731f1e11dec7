import './cards.css';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccountName } from '../../money/components';
import { Alert, ButtonLink, Card, EmptyState, ErrorAlert, LoadingState, PageHeader, PlusIcon, ShieldIcon } from '../../ui';
import { CardPicture } from './CardPicture';
import { CardIcon } from './card-icons';
import { type CardView, isLive, sortCards } from './card-model';

/** What is set unusually on a live card, said under its picture: internet off, no limit for a while. */
function TileBadges({ card }: { card: CardView }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (!isLive(card)) return null;
  const { internetEnabled, unlimitedUntil } = card.controls;
  if (internetEnabled && !unlimitedUntil) return null;
  return (
    <span className="card-tile__badges">
      {internetEnabled ? null : <span className="badge badge--muted">{t('cards.badgeInternetOff')}</span>}
      {unlimitedUntil ? (
        <span className="badge badge--info">
          {t('cards.badgeUnlimited', { date: formatDateTime(unlimitedUntil, locale, 'date') ?? '' })}
        </span>
      ) : null}
    </span>
  );
}

/** One card in the list: its picture, and under it the account it draws on. The whole tile opens the card. */
export function CardTile({ card, size = 'large' }: { card: CardView; size?: 'large' | 'small' }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  return (
    <li className="card-tile">
      <Link to={`/cards/${card.id}`} className="card-tile__link">
        <CardPicture card={card} size={size} />
        <span className="card-tile__meta">
          <span className="card-tile__title">{t('cards.tileTitle', { kind: t(`cards.kind_${card.kind}`), last4: card.last4 })}</span>
          <span className="card-tile__account">{accountName({ ...card.account, currency: card.currency })}</span>
          <TileBadges card={card} />
        </span>
      </Link>
    </li>
  );
}

/** No card yet: what a virtual card is for, and the one button that issues it. */
export function NoCards() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<CardIcon />}
      title={t('cards.emptyTitle')}
      description={t('cards.emptyText')}
      action={
        <ButtonLink to="/cards/new" variant="primary">
          <PlusIcon />
          <span>{t('cards.issueVirtual')}</span>
        </ButtonLink>
      }
    />
  );
}

/** /cards: the customer's cards with their pictures, live ones first; closed and expired ones below. */
export function CardsPage() {
  const { t } = useTranslation();
  usePageTitle(t('cards.title'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/cards', { signal })), []);
  const list = state.status === 'ready' ? state.data : null;
  const sorted = list ? sortCards(list.items) : null;
  const canIssue = list !== null && sorted !== null && sorted.live.length < list.activeMax;
  return (
    <div className="page">
      <PageHeader
        title={t('cards.title')}
        lead={t('cards.lead')}
        actions={
          canIssue && sorted && sorted.live.length > 0 ? (
            <ButtonLink to="/cards/new" variant="primary">
              <PlusIcon />
              <span>{t('cards.issue')}</span>
            </ButtonLink>
          ) : null
        }
      />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {sorted && sorted.live.length === 0 ? (
        <Card>
          <NoCards />
        </Card>
      ) : null}
      {sorted && sorted.live.length > 0 ? (
        <ul className="card-grid" aria-label={t('cards.liveTitle')}>
          {sorted.live.map((card) => (
            <CardTile key={card.id} card={card} />
          ))}
        </ul>
      ) : null}
      {list && sorted && !canIssue ? <Alert tone="info">{t('cards.capReached', { max: list.activeMax })}</Alert> : null}
      {sorted && sorted.ended.length > 0 ? (
        <section className="stack" aria-labelledby="ended-cards">
          <h2 id="ended-cards" className="section-title">
            {t('cards.endedTitle')}
          </h2>
          <ul className="card-grid card-grid--small">
            {sorted.ended.map((card) => (
              <CardTile key={card.id} card={card} size="small" />
            ))}
          </ul>
        </section>
      ) : null}
      <Card title={t('cards.safetyTitle')} icon={<ShieldIcon />}>
        <p>{t('cards.neverTellText')}</p>
        <p className="small muted">{t('cards.safetyText')}</p>
      </Card>
    </div>
  );
}
