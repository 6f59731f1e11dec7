import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, formatDateTime, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useLocale, useTranslation } from '../../i18n';

type Stage =
  | { step: 'number' }
  | { step: 'code'; changeId: string; sentTo: string }
  | { step: 'done'; maskedPhone: string; coolingUntil: string };

/**
 * "Change the phone number" on an identified inbound call (issue 13 item 5, "or by staff after
 * identification"): the operator types the new number, the code goes to it, and the caller reads it
 * back. The server checks the call, the operator and that the customer is not blocked.
 */
export function PhoneChangeOnCall({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<Stage>({ step: 'number' });
  const [newPhone, setNewPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function run<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>, then: (data: T) => void) {
    setBusy(true);
    setFailure(null);
    const result = await callApi(call);
    setBusy(false);
    if (result.ok) then(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(
      () => api.POST('/api/staff/v1/calls/{callId}/phone-change', { params: { path: { callId } }, body: { newPhone } }),
      (data) => setStage({ step: 'code', changeId: data.changeId, sentTo: data.sentTo }),
    );
  }

  function confirm(event: FormEvent<HTMLFormElement>, changeId: string) {
    event.preventDefault();
    void run(
      () =>
        api.POST('/api/staff/v1/calls/{callId}/phone-change/{changeId}/confirm', {
          params: { path: { callId, changeId } },
          body: { code: code.replace(/\s+/g, '') },
        }),
      (data) => setStage({ step: 'done', ...data }),
    );
  }

  function resend(changeId: string) {
    void run(
      () => api.POST('/api/staff/v1/calls/{callId}/phone-change/{changeId}/resend', { params: { path: { callId, changeId } } }),
      (data) => setStage({ step: 'code', changeId: data.changeId, sentTo: data.sentTo }),
    );
  }

  if (!open)
    return (
      <div className="form-actions">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('phoneChange.title')}
        </Button>
      </div>
    );
  return (
    <Card>
      <h2 className="card__title">{t('phoneChange.title')}</h2>
      <p className="muted">{t('phoneChange.lead')}</p>
      {stage.step === 'number' ? (
        <form className="stack" onSubmit={send}>
          <TextField
            label={t('phoneChange.newPhone')}
            hint={t('phoneChange.newPhoneHint')}
            type="tel"
            autoComplete="off"
            value={newPhone}
            onChange={(e) => setNewPhone(e.target.value)}
            required
          />
          <div className="form-actions">
            <Button type="submit" loading={busy}>
              {t('phoneChange.send')}
            </Button>
          </div>
        </form>
      ) : null}
      {stage.step === 'code' ? (
        <form className="stack" onSubmit={(event) => confirm(event, stage.changeId)}>
          <Alert tone="info">{t('phoneChange.sentTo', { phone: stage.sentTo })}</Alert>
          <TextField
            label={t('phoneChange.code')}
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
          <div className="form-actions">
            <Button type="submit" loading={busy}>
              {t('phoneChange.confirm')}
            </Button>
            <Button variant="secondary" onClick={() => resend(stage.changeId)} disabled={busy}>
              {t('phoneChange.resend')}
            </Button>
          </div>
        </form>
      ) : null}
      {stage.step === 'done' ? (
        <Alert tone="success">
          {t('phoneChange.done', { phone: stage.maskedPhone, until: formatDateTime(stage.coolingUntil, locale) ?? stage.coolingUntil })}
        </Alert>
      ) : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
    </Card>
  );
}
