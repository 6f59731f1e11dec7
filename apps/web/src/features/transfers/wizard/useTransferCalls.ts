import type { Dispatch } from 'react';
import { api } from '../../../api/client';
import type { TransferKind } from '../../../api/enums';
import { type ApiFailure, callApi, fieldErrorsByName, NETWORK_FAILURE, problemCode } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { compactIban } from '../../../money/iban';
import type { Account } from '../../../money/model';
import type { ResendOutcome } from '../../auth/CodeStep';
import { cardDigits } from './card-number';
import { type FormErrors, phoneForApi, requestBody } from './wizard-model';
import { payeeVerdict, type WizardAction, type WizardState } from './wizard-state';

/** Problems after which the code can never pass: the transfer has ended, so its outcome is shown. */
const CODE_ENDED = new Set(['code-attempts-exceeded', 'code-expired', 'code-not-valid-anymore']);

/**
 * The wizard's calls to the bank, each dispatching what came back: the payee look-up, the
 * transfer, its code, a new code, the cancel. The reducer decides what the screen does next.
 */
export function useTransferCalls(
  kind: TransferKind,
  state: WizardState,
  dispatch: Dispatch<WizardAction>,
  { source, amountMinor }: { source: Account | null; amountMinor: bigint | null },
) {
  const { t } = useTranslation();
  const { form, transfer } = state;

  /** Field errors of a refused request, in the form's names; the server's words where it gave some. */
  function formErrorsOf(failure: ApiFailure): FormErrors {
    const byField = fieldErrorsByName(failure);
    const code = problemCode(failure);
    const errors: FormErrors = {
      payeePhone: byField.payeePhone ?? byField.phone,
      payeeIban: byField.payeeIban ?? byField.iban ?? (code === 'iban-invalid' ? t('transfer.payeeIbanInvalid') : undefined),
      amountText: byField.amountMinor,
      payeeName: byField.payeeName,
      payeeTaxId: byField.payeeTaxId,
      cardNumber: byField.cardNumber,
    };
    if (code === 'transfer-to-own-phone') errors.payeePhone = t('transfer.ownPhone');
    if (code === 'transfer-to-own-account') errors.payeeIban = t('transfer.ownIban');
    if (code === 'payee-details-required') {
      if (!form.payeeName.trim()) errors.payeeName = t('transfer.payeeNameInvalid');
      if (!form.payeeTaxId) errors.payeeTaxId = t('transfer.payeeTaxIdInvalid');
      if (!form.purposeCode) errors.purposeCode = t('transfer.purposeRequired');
    }
    return Object.fromEntries(Object.entries(errors).filter(([, value]) => value)) as FormErrors;
  }

  /** Whom the money goes to, before anything is sent; one's own phone or account back to the form. */
  async function lookUp() {
    dispatch({ type: 'lookupStarted' });
    const body =
      kind === 'phone'
        ? { phone: phoneForApi(form.payeePhone) }
        : kind === 'card-number'
          ? { cardNumber: cardDigits(form.cardNumber) }
          : { iban: compactIban(form.payeeIban) };
    const result = await callApi(() => api.POST('/api/v1/transfers/payee-lookup', { body }));
    if (result.ok) {
      if (payeeVerdict(result.data, kind) === 'self')
        dispatch({
          type: 'invalid',
          errors: kind === 'phone' ? { payeePhone: t('transfer.ownPhone') } : { payeeIban: t('transfer.ownIban') },
        });
      else dispatch({ type: 'lookedUp', lookup: result.data });
      return;
    }
    if (result.aborted) return;
    const errors = formErrorsOf(result.failure);
    if (Object.keys(errors).length > 0) dispatch({ type: 'invalid', errors });
    else dispatch({ type: 'lookupFailed', failure: result.failure });
  }

  async function submit(newKey: () => string) {
    if (!source || amountMinor === null) return;
    const key = state.submissionKey ?? newKey();
    dispatch({ type: 'submitStarted', key });
    const result = await callApi(() =>
      api.POST('/api/v1/transfers', { body: requestBody(kind, form, source, amountMinor), headers: { 'Idempotency-Key': key } }),
    );
    if (result.ok) dispatch({ type: 'created', transfer: result.data });
    else if (!result.aborted) dispatch({ type: 'submitFailed', failure: result.failure, errors: formErrorsOf(result.failure) });
  }

  /** The transfer as it stands now, shown as the result once it no longer waits for a code. */
  async function loadOutcome(id: string): Promise<boolean> {
    const current = await callApi(() => api.GET('/api/v1/operations/{transferId}', { params: { path: { transferId: id } } }));
    if (!current.ok || current.data.status === 'awaiting_confirmation') return false;
    dispatch({ type: 'settled', transfer: current.data });
    return true;
  }

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!transfer) return null;
    const result = await callApi(() =>
      api.POST('/api/v1/transfers/{transferId}/confirm', { params: { path: { transferId: transfer.id } }, body: { code } }),
    );
    if (result.ok) {
      dispatch({ type: 'settled', transfer: result.data });
      return null;
    }
    if (result.aborted) return null;
    // Too many wrong codes or an expired code end the transfer: show that outcome and what next.
    const ended = CODE_ENDED.has(problemCode(result.failure) ?? '') || result.failure.status === 409;
    if (ended && (await loadOutcome(transfer.id))) return null;
    return result.failure;
  }

  async function resend(): Promise<ResendOutcome> {
    if (!transfer) return { ok: false, failure: NETWORK_FAILURE };
    const result = await callApi(() =>
      api.POST('/api/v1/transfers/{transferId}/resend', { params: { path: { transferId: transfer.id } } }),
    );
    if (result.ok && result.data.confirmation) {
      dispatch({ type: 'codeResent', transfer: result.data });
      return { ok: true, resendAvailableAt: result.data.confirmation.resendAvailableAt };
    }
    return { ok: false, failure: result.ok || result.aborted ? NETWORK_FAILURE : result.failure };
  }

  /** Cancels the transfer at the bank; one that ended meanwhile shows how it ended. */
  async function cancel(): Promise<ApiFailure | null> {
    if (!transfer) return null;
    const result = await callApi(() =>
      api.POST('/api/v1/transfers/{transferId}/cancel', { params: { path: { transferId: transfer.id } } }),
    );
    if (result.ok) {
      dispatch({ type: 'settled', transfer: result.data });
      return null;
    }
    if (result.aborted) return null;
    if (result.failure.status === 409 && (await loadOutcome(transfer.id))) return null;
    return result.failure;
  }

  return { lookUp, submit, confirm, resend, cancel };
}
