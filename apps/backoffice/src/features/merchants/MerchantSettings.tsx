import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, Switch, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import { splitOrigins } from './CreateMerchantForm';
import type { Merchant } from './merchant-badges';

/**
 * The admin's change of what a merchant looks like to buyers and pays (merchants.manage, audited
 * with before and after): the name on the buyer's statement and the checkout (DE43), the MDR, the
 * return origins and the modes. The server judges each field and names the wrong ones.
 */
export function MerchantSettings({ merchant, onSaved }: { merchant: Merchant; onSaved: () => void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(merchant.displayName);
  const [mdr, setMdr] = useState(String(merchant.mdrBps / 100));
  const [origins, setOrigins] = useState(merchant.returnOrigins.join(' '));
  const [testModeEnabled, setTestMode] = useState(merchant.testModeEnabled);
  const [liveModeEnabled, setLiveMode] = useState(merchant.liveModeEnabled);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSaved(false);
    const percent = Number(mdr.replace(',', '.'));
    const result = await callApi(() =>
      api.PATCH('/api/staff/v1/merchants/{merchantId}', {
        params: { path: { merchantId: merchant.id } },
        body: {
          displayName: displayName.trim(),
          mdrBps: Number.isFinite(percent) ? Math.round(percent * 100) : -1,
          returnOrigins: splitOrigins(origins),
          testModeEnabled,
          liveModeEnabled,
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setSaved(true);
      onSaved();
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('merchants.settingsTitle')}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('merchants.displayName')}
          hint={t('merchants.displayNameHint')}
          value={displayName}
          maxLength={25}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          label={t('merchants.mdr')}
          hint={t('merchants.mdrHint')}
          inputMode="decimal"
          value={mdr}
          onChange={(event) => setMdr(event.target.value)}
        />
        <TextField
          label={t('merchants.origins')}
          hint={t('merchants.originsHint')}
          value={origins}
          onChange={(event) => setOrigins(event.target.value)}
        />
        <Switch label={t('merchants.testMode')} checked={testModeEnabled} onChange={(event) => setTestMode(event.target.checked)} />
        <Switch label={t('merchants.liveMode')} checked={liveModeEnabled} onChange={(event) => setLiveMode(event.target.checked)} />
        {failure ? <ErrorAlert failure={failure} /> : null}
        {saved ? <Alert tone="success">{t('merchants.saved')}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('merchants.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
