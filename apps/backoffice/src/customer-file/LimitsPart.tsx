import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, formatDateTime, formatMoney, SelectField, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useStaffSession } from '../auth/session';
import { parseAmountMinor } from '../features/disputes/DisputeSteps';
import { useLocale, useTranslation } from '../i18n';
import type { CustomerFileData } from './types';

type Limits = CustomerFileData['limits'];
type LimitName = Limits['limits'][number]['limit'];
type Pending = NonNullable<Limits['pendingRaise']>;

const LIMIT_NAMES: readonly LimitName[] = ['per_operation', 'per_day', 'per_month'];
// The server's bounds of the maker's reason (risk's limit-raise.staff-routes.ts).
const REASON_LENGTH_MIN = 5;
const REASON_LENGTH_MAX = 500;

function isLimitName(value: string): value is LimitName {
  return (LIMIT_NAMES as readonly string[]).includes(value);
}

/** The request waiting for a checker: from → to, and until when; a security officer may open it. */
function PendingRaise({ pending, currency }: { pending: Pending; currency: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const session = useStaffSession();
  return (
    <Alert tone="info" title={t('limitRaise.pendingTitle')}>
      <p>
        {t('limitRaise.pending', {
          limit: t(`limitRaise.limit_${pending.limit}`),
          from: formatMoney(pending.previousAmountMinor, currency, locale),
          to: formatMoney(pending.amountMinor, currency, locale),
          expires: formatDateTime(pending.expiresAt, locale) ?? '',
        })}
      </p>
      {session.staff.role === 'security_officer' ? (
        <p>
          <Link to={`/approvals/${pending.approvalId}`}>{t('limitRaise.openRequest')}</Link>
        </p>
      ) : null}
    </Alert>
  );
}

/**
 * The maker's form: which limit, the new amount in tenge, the reason. The checks the server makes
 * again (above the limit in force, within the ceiling) are said here first, in words; the request
 * then shows as pending until another security officer decides it in the approvals queue.
 */
function RaiseForm({ file, onAsked }: { file: CustomerFileData; onAsked: (pending: Pending) => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [limit, setLimit] = useState<LimitName>('per_day');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const current = file.limits.limits.find((item) => item.limit === limit);
  const money = (minor: number) => formatMoney(minor, file.limits.currency, locale);

  function amountError(minor: number | null): string | undefined {
    if (minor === null) return t('limitRaise.amountInvalid');
    if (current && minor <= current.amountMinor) return t('limitRaise.amountNotHigher');
    if (current && minor > current.ceilingMinor) return t('limitRaise.amountOverCeiling', { ceiling: money(current.ceilingMinor) });
    return undefined;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minor = parseAmountMinor(amount, file.limits.currency);
    const trimmed = reason.trim();
    const found = { amount: amountError(minor), reason: trimmed.length < REASON_LENGTH_MIN ? t('limitRaise.reasonRequired') : undefined };
    setErrors(found);
    if (found.amount || found.reason || minor === null || !current) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/customers/{customerId}/limit-raise', {
        params: { path: { customerId: file.customerId } },
        body: { limit, amountMinor: minor, currency: 'KZT', reason: trimmed },
      }),
    );
    setBusy(false);
    if (result.ok)
      onAsked({
        approvalId: result.data.approvalId,
        limit,
        amountMinor: minor,
        previousAmountMinor: current.amountMinor,
        createdAt: new Date().toISOString(),
        expiresAt: result.data.expiresAt,
      });
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h3>{t('limitRaise.formTitle')}</h3>
      <p className="muted">{t('limitRaise.formLead')}</p>
      <SelectField
        label={t('limitRaise.limit')}
        value={limit}
        onChange={(event) => isLimitName(event.target.value) && setLimit(event.target.value)}
      >
        {LIMIT_NAMES.map((name) => (
          <option key={name} value={name}>
            {t(`limitRaise.limit_${name}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('limitRaise.amount')}
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        hint={
          current ? t('limitRaise.amountHint', { current: money(current.amountMinor), ceiling: money(current.ceilingMinor) }) : undefined
        }
        error={errors.amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <TextField
        label={t('limitRaise.reason')}
        autoComplete="off"
        maxLength={REASON_LENGTH_MAX}
        value={reason}
        error={errors.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="form-actions">
        <Button type="submit" loading={busy}>
          {t('limitRaise.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The customer's transfer limits in their file (GET …/customers/{id} `limits`, risk's): each with
 * what is used, its default and ceiling; then the raise waiting for a checker, or the form to ask one.
 */
export function LimitsPart({ file }: { file: CustomerFileData }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [pending, setPending] = useState<Pending | null>(file.limits.pendingRaise);
  const [sent, setSent] = useState(false);
  const { currency, limits, phoneChangeCooling } = file.limits;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <Card title={t('limitRaise.title')}>
      <div className="stack">
        <ul className="list">
          {limits.map((item) => (
            <li key={item.limit} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">
                  <span>{t(`limitRaise.limit_${item.limit}`)}</span>
                  <span>{money(item.amountMinor)}</span>
                </p>
                <p className="list-row__meta">
                  {item.usedMinor !== null ? `${t('limitRaise.used', { used: money(item.usedMinor) })} · ` : ''}
                  {t('limitRaise.defaultAndCeiling', { default: money(item.defaultMinor), ceiling: money(item.ceilingMinor) })}
                  {item.raised ? (
                    <>
                      {' '}
                      <span className="badge badge--success">{t('limitRaise.raised')}</span>
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
          {phoneChangeCooling ? (
            <li className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">
                  <span>{t('limitRaise.cooling', { until: formatDateTime(phoneChangeCooling.until, locale) ?? '' })}</span>
                  <span>{money(phoneChangeCooling.amountMinor)}</span>
                </p>
                <p className="list-row__meta">{t('limitRaise.used', { used: money(phoneChangeCooling.usedMinor) })}</p>
              </div>
            </li>
          ) : null}
        </ul>
        {sent ? <Alert tone="success">{t('limitRaise.sent')}</Alert> : null}
        {pending ? (
          <PendingRaise pending={pending} currency={currency} />
        ) : (
          <RaiseForm
            file={file}
            onAsked={(asked) => {
              setPending(asked);
              setSent(true);
            }}
          />
        )}
      </div>
    </Card>
  );
}
