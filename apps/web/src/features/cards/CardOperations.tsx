import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { OperationRow } from '../../money/components';
import { Card, EmptyState, ErrorAlert, HistoryIcon, LoadingState } from '../../ui';
import { cardHistoryPath } from '../history/history-query';
import { CardIcon } from './card-icons';

/** How many of the card's newest operations its page shows; the rest are a link away. */
const CARD_RECENT_OPERATIONS = 5;

/**
 * The card's newest operations on its page (issue 14): its purchases, approved and declined, with
 * the merchant and the reason for a decline in the customer's language (asked again when the
 * language changes), and the link to all of them in the history, filtered by the card.
 */
export function CardOperations({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/operations', { params: { query: { cardId, limit: CARD_RECENT_OPERATIONS } }, signal })),
    [cardId, language],
  );
  return (
    <Card
      title={t('cards.operationsTitle')}
      icon={<HistoryIcon />}
      className="card-operations"
      aria-busy={state.status === 'loading' || undefined}
    >
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? (
        <EmptyState icon={<CardIcon />} title={t('cards.operationsEmpty')} description={t('cards.operationsEmptyText')} />
      ) : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <ul className="operations">
          {state.data.items.map((operation) => (
            <OperationRow key={operation.id} operation={operation} showCard={false} />
          ))}
        </ul>
      ) : null}
      <p className="card-operations__all">
        <Link to={cardHistoryPath(cardId)}>{t('cards.operationsAll')}</Link>
      </p>
    </Card>
  );
}
