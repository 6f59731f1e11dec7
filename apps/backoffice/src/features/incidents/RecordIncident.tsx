import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, SelectField, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';

const KINDS = ['told_code', 'lost_phone', 'fake_bank_call', 'unknown_operations', 'other'] as const;
type Kind = (typeof KINDS)[number];

function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

/**
 * "Record an incident" on an identified call (operators, incidents.record): what the caller says,
 * with the call's id, into the security officers' queue (POST /api/staff/v1/incidents).
 */
export function RecordIncident({ callId, customerId }: { callId: string; customerId: string | null }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [kind, setKind] = useState<Kind>('told_code');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  if (!customerId) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!customerId) return;
    setBusy(true);
    setFailure(null);
    const words = text.trim();
    const result = await callApi(() =>
      api.POST('/api/staff/v1/incidents', { body: { kind, customerId, callId, ...(words ? { text: words } : {}) } }),
    );
    setBusy(false);
    if (result.ok) {
      setRecorded(true);
      setOpened(false);
      setText('');
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('incidents.recordTitle')}>
      <p className="muted">{t('incidents.recordLead')}</p>
      {recorded ? <Alert tone="success">{t('incidents.recorded')}</Alert> : null}
      {opened ? (
        <form className="stack" onSubmit={submit} noValidate>
          <SelectField
            label={t('incidents.kind')}
            value={kind}
            onChange={(event) => isKind(event.target.value) && setKind(event.target.value)}
          >
            {KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`incidents.kind_${option}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('incidents.text')} autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} />
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button type="submit" loading={busy}>
              {t('incidents.recordSubmit')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setOpened(true)}>
            {t('incidents.record')}
          </Button>
        </div>
      )}
    </Card>
  );
}
