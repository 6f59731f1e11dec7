import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, Switch, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';

/** The origins as typed, one per space, comma or line; the server judges each. */
export function splitOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

const EMPTY = { legalName: '', bin: '', mcc: '', settlementIban: '', origins: '' };

/**
 * "New merchant" (admins, merchants.manage): the server checks the BIN's check digit, the MCC,
 * the IBAN and every origin, and answers 422 naming each wrong field in the staff's language.
 */
export function CreateMerchantForm({ onCreated }: { onCreated: (merchantId: string) => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState(EMPTY);
  const [testModeEnabled, setTestMode] = useState(true);
  const [liveModeEnabled, setLiveMode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  function field(name: keyof typeof EMPTY) {
    return {
      value: fields[name],
      onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }),
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setCreated(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/merchants', {
        body: {
          legalName: fields.legalName.trim(),
          bin: fields.bin.trim(),
          mcc: fields.mcc.trim(),
          settlementIban: fields.settlementIban.replaceAll(' ', '').toUpperCase(),
          returnOrigins: splitOrigins(fields.origins),
          testModeEnabled,
          liveModeEnabled,
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setCreated(result.data.legalName);
      setFields(EMPTY);
      onCreated(result.data.id);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card>
      <h2 className="card__title">{t('merchants.createTitle')}</h2>
      <p className="muted">{t('merchants.createLead')}</p>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField label={t('merchants.legalName')} required maxLength={200} autoComplete="off" {...field('legalName')} />
        <TextField label={t('merchants.bin')} hint={t('merchants.binHint')} inputMode="numeric" required {...field('bin')} />
        <TextField label={t('merchants.mcc')} hint={t('merchants.mccHint')} inputMode="numeric" required {...field('mcc')} />
        <TextField label={t('merchants.iban')} hint={t('merchants.ibanHint')} required autoComplete="off" {...field('settlementIban')} />
        <TextField label={t('merchants.origins')} hint={t('merchants.originsHint')} required autoComplete="off" {...field('origins')} />
        <Switch label={t('merchants.testMode')} checked={testModeEnabled} onChange={(event) => setTestMode(event.target.checked)} />
        <Switch label={t('merchants.liveMode')} checked={liveModeEnabled} onChange={(event) => setLiveMode(event.target.checked)} />
        {failure ? <ErrorAlert failure={failure} /> : null}
        {created ? <Alert tone="success">{t('merchants.created', { name: created })}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('merchants.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
