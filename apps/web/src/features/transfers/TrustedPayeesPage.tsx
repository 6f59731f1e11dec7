import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { TRUSTED_PAYEE_KINDS, type TrustedPayeeKind } from '../../api/enums';
import { type ApiFailure, callApi, fieldErrorsByName, NETWORK_FAILURE } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { IbanField, PayeePhoneField, useIbanHint } from '../../money/fields';
import { checkIban, compactIban, groupIban } from '../../money/iban';
import type { TrustedPayee, TrustedPayeePending } from '../../money/model';
import {
  Alert,
  BankIcon,
  Button,
  ButtonLink,
  Card,
  DateTime,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  PhoneIcon,
  PlusIcon,
  TextField,
  UsersIcon,
} from '../../ui';
import { CodeStep } from '../auth/CodeStep';
import { formatPhoneInput, looksLikePhone } from '../auth/PhoneStep';

const LABEL_LENGTH_MAX = 60;

function PayeeRow({ payee, onRemoved }: { payee: TrustedPayee; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  async function remove() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.DELETE('/api/v1/trusted-payees/{payeeId}', { params: { path: { payeeId: payee.id } } }));
    setBusy(false);
    if (result.ok) onRemoved();
    else if (!result.aborted) setFailure(result.failure);
  }
  const target = payee.kind === 'phone' ? payee.phone : payee.iban ? groupIban(payee.iban) : '';
  const transferLink = payee.kind === 'phone' ? '/transfers/phone' : '/transfers/iban';
  return (
    <li className="list-row">
      <span className="list-row__icon">{payee.kind === 'phone' ? <PhoneIcon /> : <BankIcon />}</span>
      <div className="list-row__body">
        <p className="list-row__title">{payee.label}</p>
        <p className="mono">{target}</p>
        <p className="list-row__meta">
          {t('payees.added')}: <DateTime value={payee.createdAt} format="date" />
        </p>
        {failure ? <ErrorAlert failure={failure} /> : null}
        {confirming ? (
          <div className="stack confirm-box">
            <p>{t('payees.removeConfirm', { label: payee.label })}</p>
            <div className="form-actions">
              <Button variant="danger" className="button--compact" loading={busy} onClick={() => void remove()}>
                {t('payees.removeYes')}
              </Button>
              <Button variant="secondary" className="button--compact" onClick={() => setConfirming(false)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </div>
          </div>
        ) : null}
      </div>
      {confirming ? null : (
        <div className="list-row__actions">
          <ButtonLink to={transferLink} variant="secondary" className="button--compact">
            {t('payees.transfer')}
          </ButtonLink>
          <Button
            variant="secondary"
            className="button--compact"
            aria-label={t('payees.removeNamed', { label: payee.label })}
            onClick={() => setConfirming(true)}
          >
            {t('payees.remove')}
          </Button>
        </div>
      )}
    </li>
  );
}

/** A payee to add, as a transfer's result passes it (?phone=… or ?iban=…: "save as trusted payee"). */
function usePayeeFromQuery(): { kind: TrustedPayeeKind; target: string } {
  const [params] = useSearchParams();
  const phone = params.get('phone');
  const iban = params.get('iban');
  if (phone && looksLikePhone(phone)) return { kind: 'phone', target: formatPhoneInput(phone) };
  if (iban && checkIban(iban) === 'ok') return { kind: 'iban', target: groupIban(iban) };
  return { kind: 'phone', target: '' };
}

function AddPayee({ onAdded }: { onAdded: (label: string) => void }) {
  const { t } = useTranslation();
  const initial = usePayeeFromQuery();
  const [kind, setKind] = useState<TrustedPayeeKind>(initial.kind);
  const [label, setLabel] = useState('');
  const [target, setTarget] = useState(initial.target);
  const ibanHint = useIbanHint();
  const [errors, setErrors] = useState<{ label?: string; target?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [pending, setPending] = useState<TrustedPayeePending | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = {
      label: label.trim() === '' ? t('payees.labelInvalid') : undefined,
      target:
        kind === 'phone'
          ? looksLikePhone(target)
            ? undefined
            : t('transfer.payeePhoneInvalid')
          : (ibanHint(target, { complete: true }) ?? undefined),
    };
    setErrors(next);
    if (next.label || next.target) return;
    setBusy(true);
    setFailure(null);
    const body =
      kind === 'phone'
        ? { kind, phone: target.replace(/[\s()-]/g, ''), label: label.trim() }
        : { kind, iban: compactIban(target), label: label.trim() };
    const result = await callApi(() => api.POST('/api/v1/trusted-payees', { body }));
    setBusy(false);
    if (result.ok) setPending(result.data);
    else if (!result.aborted) {
      const byField = fieldErrorsByName(result.failure);
      setErrors({ label: byField.label, target: byField.phone ?? byField.iban });
      setFailure(result.failure);
    }
  }

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!pending) return null;
    const result = await callApi(() =>
      api.POST('/api/v1/trusted-payees/{payeeId}/confirm', { params: { path: { payeeId: pending.id } }, body: { code } }),
    );
    if (result.ok) {
      onAdded(label.trim());
      setPending(null);
      setLabel('');
      setTarget('');
      return null;
    }
    return result.aborted ? null : result.failure;
  }

  if (pending) {
    return (
      <Card title={t('payees.addTitle')} icon={<PlusIcon />}>
        <CodeStep
          intro={t('payees.codeIntro', { label: label.trim() })}
          resendAvailableAt={pending.confirmation.resendAvailableAt}
          onSubmit={confirm}
          onResend={async () => {
            const result = await callApi(() =>
              api.POST('/api/v1/trusted-payees/{payeeId}/resend', { params: { path: { payeeId: pending.id } } }),
            );
            if (result.ok) return { ok: true, resendAvailableAt: result.data.confirmation.resendAvailableAt };
            return { ok: false, failure: result.aborted ? NETWORK_FAILURE : result.failure };
          }}
          onBack={() => setPending(null)}
          backLabel={t('common.cancel')}
          submitLabel={t('payees.codeSubmit')}
        />
      </Card>
    );
  }
  return (
    <Card title={t('payees.addTitle')} icon={<PlusIcon />}>
      <Alert tone="warning" live={false}>
        <p>{t('payees.warning')}</p>
      </Alert>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="choice-group choice-group--row">
          <legend className="field__label">{t('payees.kind')}</legend>
          {TRUSTED_PAYEE_KINDS.map((value) => (
            <label key={value} className={kind === value ? 'choice choice--selected' : 'choice'}>
              <input
                type="radio"
                name="payee-kind"
                value={value}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  setTarget('');
                  setErrors({});
                }}
              />
              <span className="choice__title">{value === 'phone' ? t('payees.kindPhone') : t('payees.kindIban')}</span>
            </label>
          ))}
        </fieldset>
        {kind === 'phone' ? (
          <PayeePhoneField
            label={t('transfer.payeePhone')}
            hint={t('transfer.payeePhoneHint')}
            name="phone"
            value={target}
            error={errors.target}
            onChange={setTarget}
          />
        ) : (
          <IbanField
            label={t('transfer.payeeIban')}
            hint={t('transfer.payeeIbanHint')}
            name="iban"
            value={target}
            error={errors.target}
            onChange={setTarget}
          />
        )}
        <TextField
          label={t('payees.label')}
          hint={t('payees.labelHint')}
          maxLength={LABEL_LENGTH_MAX}
          value={label}
          error={errors.label}
          onChange={(event) => setLabel(event.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={busy}>
            {t('payees.add')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function TrustedPayeesPage() {
  const { t } = useTranslation();
  usePageTitle(t('payees.title'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/trusted-payees', { signal })), []);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="page">
      <PageHeader title={t('payees.title')} lead={t('payees.lead')} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="grid grid--2">
        <Card title={t('payees.title')} icon={<UsersIcon />}>
          {state.status === 'loading' ? <LoadingState /> : null}
          {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
          {state.status === 'ready' && state.data.items.length === 0 ? (
            <EmptyState icon={<UsersIcon />} title={t('payees.empty')} description={t('payees.emptyText')} />
          ) : null}
          {state.status === 'ready' && state.data.items.length > 0 ? (
            <ul className="list">
              {state.data.items.map((payee) => (
                <PayeeRow
                  key={payee.id}
                  payee={payee}
                  onRemoved={() => {
                    setNotice(t('payees.removed'));
                    reload();
                  }}
                />
              ))}
            </ul>
          ) : null}
        </Card>
        <AddPayee
          onAdded={(label) => {
            setNotice(t('payees.done', { label }));
            reload();
          }}
        />
      </div>
    </div>
  );
}
