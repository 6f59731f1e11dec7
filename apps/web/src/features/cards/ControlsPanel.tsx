import { type ReactNode, useState } from 'react';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Alert, Card, ErrorAlert, Switch } from '../../ui';
import { CashIcon, ContactlessIcon, GlobeCardIcon } from './card-icons';
import type { CardControls, CardView } from './card-model';
import { useNotice } from './useNotice';

type Toggle = 'internetEnabled' | 'contactlessEnabled' | 'cashEnabled';

interface ToggleRow {
  name: Toggle;
  icon: ReactNode;
  label: string;
  hint: string;
  /** Contactless and cash are for a later physical card: a virtual one never uses them. */
  laterCard: boolean;
}

/**
 * Internet payments, contactless and cash: each a switch applied the moment it is flipped. The
 * switch moves at once; the bank's answer replaces the card, and a refusal puts it back and says why.
 */
export function ControlsPanel({ card, onChanged }: { card: CardView; onChanged: (card: CardView) => void }) {
  const { t } = useTranslation();
  const [optimistic, setOptimistic] = useState<Partial<Pick<CardControls, Toggle>>>({});
  const [busy, setBusy] = useState<Toggle | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useNotice();
  const rows: ToggleRow[] = [
    { name: 'internetEnabled', icon: <GlobeCardIcon />, label: t('cards.internet'), hint: t('cards.internetHint'), laterCard: false },
    {
      name: 'contactlessEnabled',
      icon: <ContactlessIcon />,
      label: t('cards.contactless'),
      hint: t('cards.physicalLater'),
      laterCard: true,
    },
    { name: 'cashEnabled', icon: <CashIcon />, label: t('cards.cash'), hint: t('cards.physicalLater'), laterCard: true },
  ];
  const editable = card.actions.changeControls;

  async function flip(name: Toggle, value: boolean, label: string) {
    setOptimistic((now) => ({ ...now, [name]: value }));
    setBusy(name);
    setFailure(null);
    setSaved(null);
    const result = await callApi(() =>
      api.PATCH('/api/v1/cards/{cardId}/controls', { params: { path: { cardId: card.id } }, body: { [name]: value } }),
    );
    setBusy(null);
    setOptimistic((now) => {
      const { [name]: _dropped, ...rest } = now;
      return rest;
    });
    if (result.ok) {
      onChanged(result.data);
      setSaved(t(value ? 'cards.switchedOn' : 'cards.switchedOff', { what: label }));
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('cards.paymentsTitle')} icon={<GlobeCardIcon />}>
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <ul className="card-toggles">
        {rows.map((row) => {
          const checked = optimistic[row.name] ?? card.controls[row.name];
          const hintId = `${card.id}-${row.name}-hint`;
          return (
            <li key={row.name} className="card-toggle">
              <span className="card-toggle__icon">{row.icon}</span>
              <div className="card-toggle__body">
                <Switch
                  label={row.label}
                  name={row.name}
                  checked={checked}
                  disabled={!editable || busy === row.name}
                  aria-describedby={hintId}
                  onChange={(event) => void flip(row.name, event.target.checked, row.label)}
                />
                <p
                  id={hintId}
                  className={row.laterCard ? 'small card-toggle__hint card-toggle__hint--later' : 'small muted card-toggle__hint'}
                >
                  {row.hint}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
