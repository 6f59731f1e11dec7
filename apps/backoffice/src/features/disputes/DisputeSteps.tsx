import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, formatMoney, minorUnitDigits, SelectField, TextField } from '@kassa/ui';
import { useState } from 'react';
import { api } from '../../api/client';
import type { GetResponse } from '../../api/shapes';
import { useStaffSession } from '../../auth/session';
import { ConfirmDialog } from '../../customer-file/ConfirmDialog';
import { useLocale, useTranslation } from '../../i18n';

type DisputeAnswer = GetResponse<'/api/staff/v1/disputes/{disputeId}'>;
/** The case as the server answers it; `chargeback` may be absent too, from a server older than chargebacks. */
export type Dispute = Omit<DisputeAnswer, 'chargeback'> & { chargeback?: DisputeAnswer['chargeback'] };

const REJECT_REASONS = ['confirmed-by-customer', 'code-disclosed', 'not-enough-information', 'other'] as const;
type RejectReason = (typeof REJECT_REASONS)[number];

function isRejectReason(value: string): value is RejectReason {
  return (REJECT_REASONS as readonly string[]).includes(value);
}

/** "1 500,50" or "1500.5" in major units → minor units; null when it is not a positive amount. */
export function parseAmountMinor(text: string, currency: string): number | null {
  const normalized = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  const digits = minorUnitDigits(currency);
  const [whole = '0', fraction = ''] = normalized.split('.');
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

type Asking = { step: 'refund'; amountMinor: number } | { step: 'reject'; reason: RejectReason };

/**
 * The steps of a case: assign to me, investigate, refund (up to the operation's amount; from the
 * approval threshold up it becomes a maker-checker request, said before and after), reject with
 * a reason. Each may carry a message to the customer, shown in their timeline as written.
 */
export function DisputeSteps({ dispute, onChanged }: { dispute: Dispute; onChanged: (dispute: Dispute) => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const session = useStaffSession();
  const [message, setMessage] = useState('');
  const [amount, setAmount] = useState('');
  const [approvalReason, setApprovalReason] = useState('');
  const [reason, setReason] = useState<RejectReason>('not-enough-information');
  const [asking, setAsking] = useState<Asking | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const path = { params: { path: { disputeId: dispute.id } } };
  const money = (minor: number) => formatMoney(minor, dispute.currency, locale);
  const customerMessage = message.trim() ? { customerMessage: message.trim() } : {};

  if (dispute.closedAt !== null)
    return (
      <div className="stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        <Alert tone="info">{t('disputes.closed')}</Alert>
      </div>
    );

  async function simple(name: 'assign' | 'investigate') {
    setBusy(name);
    setFailure(null);
    const result = await callApi(() =>
      name === 'assign'
        ? api.POST('/api/staff/v1/disputes/{disputeId}/assign', { ...path, body: {} })
        : api.POST('/api/staff/v1/disputes/{disputeId}/investigate', { ...path, body: customerMessage }),
    );
    setBusy(null);
    if (result.ok) {
      setMessage('');
      onChanged(result.data);
    } else if (!result.aborted) setFailure(result.failure);
  }

  function askRefund() {
    const minor = parseAmountMinor(amount, dispute.currency);
    if (minor === null) return setAmountError(t('disputes.refundInvalid'));
    if (minor > dispute.amountMinor) return setAmountError(t('disputes.refundTooMuch'));
    setAmountError(null);
    setAsking({ step: 'refund', amountMinor: minor });
  }

  async function run(step: Asking): Promise<ApiFailure | null> {
    if (step.step === 'refund') {
      const result = await callApi(() =>
        api.POST('/api/staff/v1/disputes/{disputeId}/refund', {
          ...path,
          body: {
            amountMinor: step.amountMinor,
            ...customerMessage,
            ...(approvalReason.trim() ? { approvalReason: approvalReason.trim() } : {}),
          },
        }),
      );
      if (!result.ok) return result.aborted ? null : result.failure;
      // 200: the refund is posted; 202: a maker-checker request waits for another staff member.
      if ('approvalId' in result.data) {
        setNotice(t('disputes.refundSentForApproval'));
        onChanged(result.data.dispute);
      } else {
        setNotice(t('disputes.refunded', { amount: money(step.amountMinor) }));
        onChanged(result.data);
      }
      return null;
    }
    const result = await callApi(() =>
      api.POST('/api/staff/v1/disputes/{disputeId}/reject', { ...path, body: { reason: step.reason, ...customerMessage } }),
    );
    if (!result.ok) return result.aborted ? null : result.failure;
    onChanged(result.data);
    return null;
  }

  const needsApproval = (() => {
    const minor = parseAmountMinor(amount, dispute.currency);
    return minor !== null && minor >= dispute.refundApprovalThresholdMinor;
  })();

  return (
    <Card title={t('disputes.steps')}>
      <div className="stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        <div className="case-actions">
          {dispute.owner?.staffId !== session.staff.id ? (
            <Button variant="secondary" loading={busy === 'assign'} onClick={() => void simple('assign')}>
              {t('cases.assignToMe')}
            </Button>
          ) : null}
        </div>
        <TextField
          label={t('disputes.customerMessage')}
          hint={t('disputes.customerMessageHint')}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
        />
        {dispute.status === 'new' ? (
          <div className="form-actions">
            <Button loading={busy === 'investigate'} onClick={() => void simple('investigate')}>
              {t('disputes.investigate')}
            </Button>
          </div>
        ) : null}
        {dispute.status === 'investigating' ? (
          <>
            <h3>{t('disputes.refundTitle')}</h3>
            <TextField
              label={t('disputes.refundAmount')}
              inputMode="decimal"
              autoComplete="off"
              hint={`${t('disputes.refundHint', { amount: money(dispute.amountMinor) })} ${t('disputes.refundApprovalHint', {
                amount: money(dispute.refundApprovalThresholdMinor),
              })}`}
              error={amountError}
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
            />
            {needsApproval ? (
              <TextField
                label={t('disputes.approvalReason')}
                value={approvalReason}
                onChange={(event) => setApprovalReason(event.target.value)}
              />
            ) : null}
            <div className="form-actions">
              <Button onClick={askRefund}>{t('disputes.refund')}</Button>
            </div>
            <h3>{t('disputes.rejectTitle')}</h3>
            <SelectField
              label={t('disputes.rejectReason')}
              value={reason}
              onChange={(event) => isRejectReason(event.target.value) && setReason(event.target.value)}
            >
              {REJECT_REASONS.map((option) => (
                <option key={option} value={option}>
                  {t(`disputes.reason_${option}`)}
                </option>
              ))}
            </SelectField>
            <div className="form-actions">
              <Button variant="danger" onClick={() => setAsking({ step: 'reject', reason })}>
                {t('disputes.reject')}
              </Button>
            </div>
          </>
        ) : null}
        {failure ? <ErrorAlert failure={failure} /> : null}
      </div>
      {asking ? (
        <ConfirmDialog
          title={asking.step === 'refund' ? t('disputes.refundTitle') : t('disputes.rejectTitle')}
          text={
            asking.step === 'refund'
              ? `${t('disputes.refundConfirm', { amount: money(asking.amountMinor) })}${
                  asking.amountMinor >= dispute.refundApprovalThresholdMinor ? ` ${t('disputes.refundSentForApproval')}` : ''
                }`
              : t('disputes.rejectConfirm')
          }
          confirmLabel={asking.step === 'refund' ? t('disputes.refund') : t('disputes.reject')}
          danger={asking.step === 'reject'}
          onConfirm={() => run(asking)}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </Card>
  );
}
