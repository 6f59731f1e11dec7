import './cards.css';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccountName } from '../../money/components';
import { Alert, Button, Card, ErrorAlert, LoadingState, PageHeader } from '../../ui';
import { CardOperations } from './CardOperations';
import { CardPicture } from './CardPicture';
import { ControlsPanel } from './ControlsPanel';
import { TrashIcon } from './card-icons';
import { type CardView, isLive } from './card-model';
import { LimitsPanel } from './LimitsPanel';
import { QuickActions } from './QuickActions';
import { RevealPanel } from './RevealPanel';
import { shownDetails } from './reveal-state';
import { useNotice } from './useNotice';
import { useReveal } from './useReveal';

type StatusAction = 'freeze' | 'unfreeze' | 'close';
const OPTIMISTIC_STATUS = { freeze: 'frozen', unfreeze: 'active', close: 'closed' } as const satisfies Record<
  StatusAction,
  CardView['status']
>;

const STATUS_CALLS = {
  freeze: (cardId: string) => api.POST('/api/v1/cards/{cardId}/freeze', { params: { path: { cardId } } }),
  unfreeze: (cardId: string) => api.POST('/api/v1/cards/{cardId}/unfreeze', { params: { path: { cardId } } }),
  close: (cardId: string) => api.POST('/api/v1/cards/{cardId}/close', { params: { path: { cardId } } }),
} satisfies Record<StatusAction, unknown>;

/** What the bank says about a card that cannot pay now, first on the page. */
function StatusNote({ card }: { card: CardView }) {
  const { t } = useTranslation();
  const { state: meta } = useMeta();
  const phone = meta.status === 'ready' ? meta.meta.contactCenterPhone : '';
  if (card.blockedByBank)
    return (
      <Alert tone="error" live={false} title={t('cards.blockedTitle')}>
        {t('cards.blockedText', { phone })}
      </Alert>
    );
  if (card.status === 'frozen')
    return (
      <Alert tone="info" live={false} title={t('cards.frozenTitle')}>
        {t('cards.frozenText')}
      </Alert>
    );
  if (card.status === 'closed') {
    const text = card.closeReason === 'single_use_spent' ? t('cards.closedSpentText') : t('cards.closedText');
    return (
      <Alert tone="info" live={false} title={t('cards.statusClosed')}>
        {text}
      </Alert>
    );
  }
  if (card.status === 'expired')
    return (
      <Alert tone="info" live={false} title={t('cards.statusExpired')}>
        {t('cards.expiredText')}
      </Alert>
    );
  return null;
}

/** "Close the card" with a confirmation: it cannot be undone. */
function CloseCard({ card, busy, onClose }: { card: CardView; busy: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!card.actions.close) return null;
  return (
    <Card title={t('cards.closeTitle')} icon={<TrashIcon />}>
      {asking ? (
        <div className="stack confirm-box" role="alertdialog" aria-labelledby="close-ask">
          <p id="close-ask">
            <strong>{t('cards.closeAsk', { last4: card.last4 })}</strong>
          </p>
          <p className="small muted">{t('cards.closeAskText')}</p>
          <div className="form-actions">
            <Button variant="danger" loading={busy} onClick={onClose}>
              {t('cards.closeYes')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('cards.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p className="muted">{t('cards.closeText')}</p>
          <div className="form-actions">
            <Button variant="secondary" icon={<TrashIcon />} onClick={() => setAsking(true)}>
              {t('cards.close')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}

/** The card page once the card is loaded: the picture and its reveal, its operations, freeze, switches, limits, close. */
function CardScreen({ initial }: { initial: CardView }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const [card, setCard] = useState(initial);
  const [pending, setPending] = useState<StatusAction | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useNotice();
  const reveal = useReveal(card.id);
  const kindName = t(`cards.kind_${card.kind}`);
  const pageTitle = t('cards.pageTitle', { kind: kindName, last4: card.last4 });
  usePageTitle(pageTitle);

  /** One tap: the picture changes at once, the bank's answer confirms it, a refusal puts it back. */
  async function changeStatus(action: StatusAction) {
    const before = card;
    setPending(action);
    setFailure(null);
    setNotice(null);
    if (action !== 'close') setCard({ ...card, status: OPTIMISTIC_STATUS[action] });
    if (action === 'freeze') reveal.hide();
    const result = await callApi(() => STATUS_CALLS[action](card.id));
    setPending(null);
    if (result.ok) {
      setCard(result.data);
      setNotice(t(`cards.done_${action}`, { last4: card.last4 }));
      if (action === 'close') reveal.hide();
    } else {
      setCard(before);
      if (!result.aborted) setFailure(result.failure);
    }
  }

  const frozen = card.status === 'frozen';
  return (
    <div className="page card-page">
      <p>
        <Link to="/cards">← {t('cards.back')}</Link>
      </p>
      <PageHeader title={pageTitle} lead={accountName({ ...card.account, currency: card.currency })} />
      <div className="card-page__grid">
        <div className="card-page__main stack">
          <CardPicture card={card} details={shownDetails(reveal.state)} />
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          {failure ? <ErrorAlert failure={failure} /> : null}
          {/* Just frozen: the notice says it already; the lasting note is for a card found frozen. */}
          {notice && card.status === 'frozen' ? null : <StatusNote card={card} />}
          <QuickActions
            card={card}
            statusBusy={pending === 'freeze' || pending === 'unfreeze'}
            revealStep={reveal.state.step}
            onFreeze={() => void changeStatus(frozen ? 'unfreeze' : 'freeze')}
            onReveal={() => {
              setNotice(null);
              void reveal.start();
            }}
            onHide={reveal.hide}
          />
          <RevealPanel card={card} reveal={reveal} />
          <CardOperations cardId={card.id} />
        </div>
        {/* A closed or expired card has nothing left to set: its page is the picture and what happened. */}
        {isLive(card) ? (
          <div className="card-page__side stack">
            <ControlsPanel card={card} onChanged={setCard} />
            <LimitsPanel card={card} onChanged={setCard} />
            <CloseCard card={card} busy={pending === 'close'} onClose={() => void changeStatus('close')} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** /cards/:cardId: one of the customer's cards; another customer's card id is "not found" (the bank audits it). */
export function CardPage() {
  const { t } = useTranslation();
  const { cardId = '' } = useParams();
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/cards/{cardId}', { params: { path: { cardId } }, signal })),
    [cardId],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') {
    return (
      <div className="page page--narrow">
        <PageHeader title={t('cards.title')} />
        <ErrorAlert failure={state.failure} onRetry={state.failure.status === 404 ? undefined : reload} />
        <p>
          <Link to="/cards">← {t('cards.back')}</Link>
        </p>
      </div>
    );
  }
  // A card id in the address stays the same while its card changes: the screen is keyed by it,
  // so another card's page never starts with this one's state (or its revealed details).
  return <CardScreen key={state.data.id} initial={state.data} />;
}
