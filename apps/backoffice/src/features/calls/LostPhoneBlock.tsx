import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, LockIcon, SelectField, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';

const REASONS = ['lost_phone', 'sim_stopped', 'compromise', 'fraud_suspected', 'other'] as const;
type Reason = (typeof REASONS)[number];
/** The server asks for at least two checks (blocks.staff-routes.ts) and blocks when two match. */
const CHECKS_MIN = 2;

function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value);
}

interface Checks {
  iin?: string;
  fullName?: string;
  birthDate?: string;
  recentOperation?: { amountMinor: number; day: string };
}

/** Tenge as typed ("1 500", "1500,50") in minor units, or null. */
function minorOf(amount: string): number | null {
  const normalized = amount.replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalized)) return null;
  return Math.round(Number(normalized) * 100);
}

/**
 * "Block access (lost phone)" on an inbound call (issue 13 item 4 (b)): no SMS can reach the lost
 * phone, so the operator blocks on the caller's answers about the customer the look-up matched.
 * The server's answer is the same whether they matched or not; the form shows it as it comes.
 */
export function LostPhoneBlock({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<Reason>('lost_phone');
  const [note, setNote] = useState('');
  const [iin, setIin] = useState('');
  const [fullName, setFullName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [amount, setAmount] = useState('');
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const checks: Checks = {};
  if (iin.trim()) checks.iin = iin.trim();
  if (fullName.trim()) checks.fullName = fullName.trim();
  if (birthDate) checks.birthDate = birthDate;
  const amountMinor = minorOf(amount);
  if (amountMinor !== null && amountMinor > 0 && day) checks.recentOperation = { amountMinor, day };
  const enough = Object.keys(checks).length >= CHECKS_MIN && note.trim().length >= 5;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/calls/{callId}/block', { params: { path: { callId } }, body: { reason, note: note.trim(), checks } }),
    );
    setBusy(false);
    if (result.ok) setAnswer(result.data.message);
    else if (!result.aborted) setFailure(result.failure);
  }

  if (!open)
    return (
      <div className="form-actions">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('lostPhone.open')}
        </Button>
      </div>
    );
  return (
    <Card title={t('lostPhone.title')} icon={<LockIcon />}>
      {answer ? (
        <Alert tone="info">{answer}</Alert>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <p>{t('lostPhone.lead')}</p>
          <SelectField
            label={t('lostPhone.reason')}
            value={reason}
            onChange={(event) => isReason(event.target.value) && setReason(event.target.value)}
          >
            {REASONS.map((option) => (
              <option key={option} value={option}>
                {t(`blocks.reason_${option}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('lostPhone.note')} value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
          <p className="muted">{t('lostPhone.checksHint')}</p>
          <TextField
            label={t('lostPhone.iin')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={iin}
            onChange={(event) => setIin(event.target.value)}
          />
          <TextField
            label={t('lostPhone.fullName')}
            autoComplete="off"
            value={fullName}
            onChange={(event) => setFullName(event.target.value)}
          />
          <TextField
            label={t('lostPhone.birthDate')}
            type="date"
            value={birthDate}
            onChange={(event) => setBirthDate(event.target.value)}
          />
          <TextField
            label={t('lostPhone.operationAmount')}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
          <TextField label={t('lostPhone.operationDay')} type="date" value={day} onChange={(event) => setDay(event.target.value)} />
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button type="submit" variant="danger" loading={busy} disabled={!enough}>
              {t('lostPhone.submit')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('lostPhone.cancel')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
