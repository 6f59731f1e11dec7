import { type ApiFailure, Button, Card, CopyButton, callApi, DateTime, ErrorAlert, KeypadIcon, SelectField, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../customer-file/ConfirmDialog';
import { useTranslation } from '../../i18n';
import type { ApiKey, Merchant } from './merchant-badges';

type Mode = ApiKey['mode'];

/** The one moment a key's text exists outside the merchant's hands: shown here, copied, gone on "saved". */
function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="stack" role="status">
      <p className="card__title">{t('merchants.secretTitle')}</p>
      <p className="muted">{t('merchants.secretLead')}</p>
      <code className="secret" data-testid="merchant-key-secret">
        {secret}
      </code>
      <div className="form-actions">
        <CopyButton value={secret} label={t('merchants.copy')} />
        <Button variant="secondary" onClick={onDone}>
          {t('merchants.secretDone')}
        </Button>
      </div>
    </div>
  );
}

function IssueKeyForm({ merchant, onIssued }: { merchant: Merchant; onIssued: (secret: string) => void }) {
  const { t } = useTranslation();
  const modes: Mode[] = [...(merchant.testModeEnabled ? ['test' as const] : []), ...(merchant.liveModeEnabled ? ['live' as const] : [])];
  const [mode, setMode] = useState<Mode>(modes[0] ?? 'test');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const body = label.trim() ? { mode, label: label.trim() } : { mode };
    const result = await callApi(() =>
      api.POST('/api/staff/v1/merchants/{merchantId}/api-keys', { params: { path: { merchantId: merchant.id } }, body }),
    );
    setBusy(false);
    if (result.ok) {
      setLabel('');
      onIssued(result.data.secret);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <SelectField
        label={t('merchants.keyMode')}
        value={mode}
        onChange={(event) => setMode(event.target.value === 'live' ? 'live' : 'test')}
      >
        {modes.map((option) => (
          <option key={option} value={option}>
            {t(`merchants.mode_${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('merchants.keyLabel')} value={label} maxLength={100} onChange={(event) => setLabel(event.target.value)} />
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="form-actions">
        <Button type="submit" loading={busy} disabled={modes.length === 0 || merchant.status !== 'active'}>
          {t('merchants.issueKey')}
        </Button>
      </div>
    </form>
  );
}

function KeyRow({ apiKey, canRevoke, onRevoke }: { apiKey: ApiKey; canRevoke: boolean; onRevoke: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="list-row">
      <span className="list-row__icon">
        <KeypadIcon />
      </span>
      <div className="list-row__body">
        <p className="list-row__title">
          <code>{apiKey.keyPrefix}…</code> {apiKey.label ?? ''}{' '}
          <span className={`badge ${apiKey.status === 'active' ? 'badge--success' : 'badge--muted'}`}>
            {t(`merchants.keyStatus_${apiKey.status}`)}
          </span>
        </p>
        <p className="list-row__meta">
          {t(`merchants.mode_${apiKey.mode}`)} · <DateTime value={apiKey.createdAt} /> · {t('merchants.keyLastUsed')}:{' '}
          {apiKey.lastUsedAt ? <DateTime value={apiKey.lastUsedAt} /> : t('merchants.keyNeverUsed')}
        </p>
      </div>
      {canRevoke && apiKey.status === 'active' ? (
        <Button variant="secondary" onClick={onRevoke}>
          {t('merchants.revoke')}
        </Button>
      ) : null}
    </li>
  );
}

/** A merchant's API keys: prefixes only; admins issue (the text shown once) and revoke. */
export function MerchantKeys({
  merchant,
  keys,
  canManage,
  onChanged,
}: {
  merchant: Merchant;
  keys: readonly ApiKey[];
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  async function revoke(apiKey: ApiKey): Promise<ApiFailure | null> {
    const result = await callApi(() =>
      api.POST('/api/staff/v1/merchants/{merchantId}/api-keys/{keyId}/revoke', {
        params: { path: { merchantId: merchant.id, keyId: apiKey.id } },
      }),
    );
    if (result.ok) {
      onChanged();
      return null;
    }
    return result.aborted ? null : result.failure;
  }

  return (
    <Card title={t('merchants.keysTitle')}>
      <p className="muted">{t('merchants.keysLead')}</p>
      {keys.length === 0 ? <p>{t('merchants.keysEmpty')}</p> : null}
      {keys.length > 0 ? (
        <ul className="list" aria-label={t('merchants.keysTitle')}>
          {keys.map((apiKey) => (
            <KeyRow key={apiKey.id} apiKey={apiKey} canRevoke={canManage} onRevoke={() => setRevoking(apiKey)} />
          ))}
        </ul>
      ) : null}
      {canManage && secret ? <NewSecret secret={secret} onDone={() => setSecret(null)} /> : null}
      {canManage && !secret ? (
        <IssueKeyForm
          merchant={merchant}
          onIssued={(issued) => {
            setSecret(issued);
            onChanged();
          }}
        />
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={t('merchants.revoke')}
          text={t('merchants.revokeConfirm', { prefix: revoking.keyPrefix })}
          confirmLabel={t('merchants.revoke')}
          danger
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </Card>
  );
}
