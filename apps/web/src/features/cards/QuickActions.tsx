import { type ReactNode, useId } from 'react';
import { useTranslation } from '../../i18n';
import { Spinner } from '../../ui';
import { EyeIcon, EyeOffIcon, SnowflakeIcon } from './card-icons';
import type { CardView } from './card-model';
import type { RevealState } from './reveal-state';

/** One round action: its name is the label alone, the word under it describes it. */
function QuickAction({
  icon,
  label,
  hint,
  busy,
  pressed,
  onClick,
}: {
  icon: ReactNode;
  label: string;
  hint: string;
  busy: boolean;
  pressed?: boolean;
  onClick: () => void;
}) {
  const labelId = useId();
  const hintId = useId();
  return (
    <button
      type="button"
      className="card-quick__action"
      aria-labelledby={labelId}
      aria-describedby={hintId}
      aria-pressed={pressed}
      aria-busy={busy || undefined}
      onClick={() => {
        // Like the kit's Button: busy keeps the focus here and ignores the tap.
        if (!busy) onClick();
      }}
    >
      <span className="card-quick__icon">{busy ? <Spinner decorative size="small" /> : icon}</span>
      <span id={labelId} className="card-quick__label">
        {label}
      </span>
      <span id={hintId} className="card-quick__hint">
        {hint}
      </span>
    </button>
  );
}

/** Freeze ⇄ unfreeze in one tap, and "show card details": the two things people come to a card for. */
export function QuickActions({
  card,
  statusBusy,
  revealStep,
  onFreeze,
  onReveal,
  onHide,
}: {
  card: CardView;
  statusBusy: boolean;
  revealStep: RevealState['step'];
  onFreeze: () => void;
  onReveal: () => void;
  /** While the code is asked or the details are shown, the same place stops it. */
  onHide: () => void;
}) {
  const { t } = useTranslation();
  const frozen = card.status === 'frozen';
  const canFreeze = card.actions.freeze || card.actions.unfreeze;
  if (!canFreeze && !card.actions.reveal) return null;
  return (
    <div className="card-quick">
      {canFreeze ? (
        <QuickAction
          icon={<SnowflakeIcon />}
          label={frozen ? t('cards.unfreeze') : t('cards.freeze')}
          hint={frozen ? t('cards.unfreezeHint') : t('cards.freezeHint')}
          busy={statusBusy}
          pressed={frozen}
          onClick={onFreeze}
        />
      ) : null}
      {card.actions.reveal && (revealStep === 'idle' || revealStep === 'starting') ? (
        <QuickAction
          icon={<EyeIcon />}
          label={t('cards.reveal')}
          hint={t('cards.revealHint')}
          busy={revealStep === 'starting'}
          onClick={onReveal}
        />
      ) : null}
      {revealStep === 'code' || revealStep === 'shown' ? (
        <QuickAction
          icon={<EyeOffIcon />}
          label={revealStep === 'shown' ? t('cards.hideNow') : t('cards.revealCancel')}
          hint={revealStep === 'shown' ? t('cards.hideHint') : t('cards.revealCancelHint')}
          busy={false}
          onClick={onHide}
        />
      ) : null}
    </div>
  );
}
