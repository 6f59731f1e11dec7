import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { Icon } from '../../ui';
import { CardIcon } from '../cards/card-icons';

function CrossIcon() {
  return (
    <Icon>
      <path d="M6 6l12 12M18 6 6 18" />
    </Icon>
  );
}

/**
 * The history narrowed to one card (from the card's page): a chip that says which card, "Карта
 * •••• 1234", and clears the filter in one tap. The card's last four digits come from the card
 * itself, so the chip names it even when it has no purchase yet; until then, "Операции по карте".
 */
export function CardFilterChip({ cardId, onClear }: { cardId: string; onClear: () => void }) {
  const { t } = useTranslation();
  const { state } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/cards/{cardId}', { params: { path: { cardId } }, signal })),
    [cardId],
  );
  const label = state.status === 'ready' ? t('history.cardFilter', { last4: state.data.last4 }) : t('history.cardFilterPending');
  return (
    <div className="filter-chip">
      <CardIcon />
      <span className="filter-chip__label">{label}</span>
      <button type="button" className="filter-chip__clear" onClick={onClear} aria-label={`${t('history.cardFilterClear')}: ${label}`}>
        <CrossIcon />
      </button>
    </div>
  );
}
