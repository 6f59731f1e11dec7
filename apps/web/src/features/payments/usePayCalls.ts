import type { Dispatch } from 'react';
import { api } from '../../api/client';
import { isOpenableCurrency } from '../../api/enums';
import { type ApiFailure, callApi, NETWORK_FAILURE, problemCode } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { type Account, newIdempotencyKey } from '../../money/model';
import type { ResendOutcome } from '../auth/CodeStep';
import type { PayAction, PayState } from './pay-state';
import {
  emptyFieldErrors,
  fieldValuesForApi,
  formErrorsOf,
  needsCheck,
  type PaymentBody,
  type ProviderView,
  paidOf,
} from './payment-model';

/** Problems after which the code can never pass: the payment has ended, so its outcome is shown. */
const CODE_ENDED = new Set(['code-attempts-exceeded', 'code-expired', 'code-not-valid-anymore']);
/** The provider's answer is gone or belongs to other values: the form asks it again. */
const CHECK_OUTDATED = new Set(['check-expired', 'check-required']);

/**
 * The provider form's calls to the bank, each dispatching what came back (pay-state.ts decides
 * what the screen does next): the check, the fee, the payment, its code, a new code, the cancel.
 */
export function usePayCalls(provider: ProviderView, state: PayState, dispatch: Dispatch<PayAction>, source: Account | null) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { payment } = state;

  /** A refusal: errors under their fields, and the problem as a banner only when no field names it. */
  function refused(failure: ApiFailure) {
    const errors = formErrorsOf(failure, provider.fields);
    dispatch({ type: 'failed', failure: Object.keys(errors).length > 0 ? null : failure, errors });
  }

  async function check() {
    dispatch({ type: 'started' });
    const result = await callApi(() =>
      api.POST('/api/v1/payments/providers/{providerId}/check', {
        params: { path: { providerId: provider.id } },
        body: { fields: fieldValuesForApi(provider.fields, state.values) },
      }),
    );
    if (result.ok) dispatch({ type: 'checked', check: result.data, currency: provider.currency });
    else if (!result.aborted) refused(result.failure);
  }

  /** The amount (typed, or the bill's lines picked) and the fee quoted for it, then the review. */
  async function review() {
    const form = paidOf(provider, state);
    if (!form.ok) return dispatch({ type: 'invalid', errors: form.errors });
    const { paid } = form;
    dispatch({ type: 'started' });
    const result = await callApi(() =>
      api.GET('/api/v1/payments/providers/{providerId}/fee', {
        params: { path: { providerId: provider.id }, query: { amountMinor: Number(paid.amountMinor) } },
      }),
    );
    // The key is chosen once per review: every retry of this "Pay" sends the same one.
    if (result.ok) dispatch({ type: 'reviewed', fee: result.data, key: newIdempotencyKey(), paid });
    else if (!result.aborted) refused(result.failure);
  }

  /** "Check" first where the provider must see the account, then "Next" to the review. */
  async function submitDetails() {
    const empty = emptyFieldErrors(provider.fields, state.values, (label) => t('payments.fieldRequired', { label }), language);
    if (Object.keys(empty).length > 0) {
      dispatch({ type: 'invalid', errors: empty });
      document.querySelector<HTMLElement>(`[name="${Object.keys(empty)[0]}"]`)?.focus();
      return;
    }
    if (needsCheck(provider) && state.check === null) await check();
    else await review();
  }

  function paymentBody(): PaymentBody | null {
    const { paid } = state;
    if (!source || !paid || !isOpenableCurrency(source.currency)) return null;
    return {
      providerId: provider.id,
      sourceAccountId: source.id,
      amountMinor: Number(paid.amountMinor),
      currency: source.currency,
      fields: fieldValuesForApi(provider.fields, state.values),
      ...(state.check?.checkId ? { checkId: state.check.checkId } : {}),
      ...(paid.lines ? { lines: paid.lines } : {}),
    };
  }

  async function pay() {
    const body = paymentBody();
    const key = state.submissionKey;
    if (!body || !key) return;
    dispatch({ type: 'started' });
    const result = await callApi(() => api.POST('/api/v1/payments', { body, headers: { 'Idempotency-Key': key } }));
    if (result.ok) return dispatch({ type: 'created', payment: result.data });
    if (result.aborted) return;
    const code = problemCode(result.failure);
    if (CHECK_OUTDATED.has(code ?? '')) return dispatch({ type: 'checkOutdated', failure: result.failure });
    const errors = formErrorsOf(result.failure, provider.fields);
    // A field the bank refused is corrected on the form; anything else stays on the review, to retry.
    if (Object.keys(errors).length > 0) dispatch({ type: 'backToDetails' });
    refused(result.failure);
  }

  /** The payment as it stands now, shown as the result once it no longer waits for a code. */
  async function loadOutcome(id: string): Promise<boolean> {
    const current = await callApi(() => api.GET('/api/v1/payments/{paymentId}', { params: { path: { paymentId: id } } }));
    if (!current.ok || current.data.operation.status === 'awaiting_confirmation') return false;
    dispatch({ type: 'settled', payment: current.data.operation });
    return true;
  }

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!payment) return null;
    const result = await callApi(() =>
      api.POST('/api/v1/payments/{paymentId}/confirm', { params: { path: { paymentId: payment.id } }, body: { code } }),
    );
    if (result.ok) {
      dispatch({ type: 'settled', payment: result.data });
      return null;
    }
    if (result.aborted) return null;
    const ended = CODE_ENDED.has(problemCode(result.failure) ?? '') || result.failure.status === 409;
    if (ended && (await loadOutcome(payment.id))) return null;
    return result.failure;
  }

  async function resend(): Promise<ResendOutcome> {
    if (!payment) return { ok: false, failure: NETWORK_FAILURE };
    const result = await callApi(() => api.POST('/api/v1/payments/{paymentId}/resend', { params: { path: { paymentId: payment.id } } }));
    if (result.ok && result.data.confirmation) {
      dispatch({ type: 'codeResent', payment: result.data });
      return { ok: true, resendAvailableAt: result.data.confirmation.resendAvailableAt };
    }
    return { ok: false, failure: result.ok || result.aborted ? NETWORK_FAILURE : result.failure };
  }

  async function cancel(): Promise<ApiFailure | null> {
    if (!payment) return null;
    const result = await callApi(() => api.POST('/api/v1/payments/{paymentId}/cancel', { params: { path: { paymentId: payment.id } } }));
    if (result.ok) {
      dispatch({ type: 'settled', payment: result.data });
      return null;
    }
    if (result.aborted) return null;
    if (result.failure.status === 409 && (await loadOutcome(payment.id))) return null;
    return result.failure;
  }

  return { submitDetails, check, pay, confirm, resend, cancel };
}
