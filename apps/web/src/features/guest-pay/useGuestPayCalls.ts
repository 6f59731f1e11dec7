import { type Dispatch, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { type ApiFailure, callApi, fieldErrorsByName, problemCode } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { newIdempotencyKey } from '../../money/model';
import { useSession } from '../auth/session';
import { emptyFieldErrors, fieldValuesForApi, formErrorsOf, needsCheck, type ProviderView, paidOf } from '../payments/payment-model';
import {
  type Attempt,
  attemptFor,
  checkoutTarget,
  guestPaymentBody,
  receiptPhoneValid,
  rememberGuestPayment,
  tabStorage,
} from './guest-model';
import type { GuestPayAction, GuestPayState } from './guest-state';

/** The provider's answer is gone or belongs to other values: the form asks it again. */
const CHECK_OUTDATED = new Set(['check-expired', 'check-required']);

/**
 * A guest's calls to the bank, each dispatching what came back: the check (the guests' route: no
 * holder's name), the fee (public), then the payment, after which the browser leaves for the card.
 */
export function useGuestPayCalls(provider: ProviderView, state: GuestPayState, dispatch: Dispatch<GuestPayAction>) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const navigate = useNavigate();
  const { state: session } = useSession();
  // A signed-in customer pays by card on their own route: the receipt goes to their phone, not one typed here.
  const signedIn = session.status === 'authenticated';
  const lastAttempt = useRef<Attempt | null>(null);

  /** A refusal: errors under their fields, and the problem as a banner only when no field names it. */
  function refused(failure: ApiFailure) {
    const errors = formErrorsOf(failure, provider.fields);
    dispatch({ type: 'failed', failure: Object.keys(errors).length > 0 ? null : failure, errors });
  }

  async function check() {
    dispatch({ type: 'started' });
    const result = await callApi(() =>
      api.POST('/api/v1/guest/payments/providers/{providerId}/check', {
        params: { path: { providerId: provider.id } },
        body: { fields: fieldValuesForApi(provider.fields, state.values) },
      }),
    );
    if (result.ok) dispatch({ type: 'checked', check: result.data, currency: provider.currency });
    else if (!result.aborted) refused(result.failure);
  }

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
    // The review's key is not used here: a guest's key follows the body (attemptFor), since the phone may change.
    if (result.ok) dispatch({ type: 'reviewed', fee: result.data, key: '', paid });
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

  /** The payment, then the tab remembers its id and token and leaves for the card page. */
  async function pay() {
    if (!state.paid) return;
    if (!signedIn && !receiptPhoneValid(state.receiptPhone)) {
      dispatch({ type: 'receiptRefused', message: t('guestPay.receiptPhoneInvalid') });
      document.querySelector<HTMLElement>('[name="receiptPhone"]')?.focus();
      return;
    }
    const body = guestPaymentBody(provider, { values: state.values, check: state.check, paid: state.paid }, state.receiptPhone);
    const attempt = attemptFor(lastAttempt.current, body, newIdempotencyKey);
    lastAttempt.current = attempt;
    dispatch({ type: 'started' });
    const headers = { 'Idempotency-Key': attempt.key };
    const { receiptPhone: _typed, ...cardBody } = body;
    const result = await callApi(() =>
      signedIn ? api.POST('/api/v1/payments/by-card', { body: cardBody, headers }) : api.POST('/api/v1/guest/payments', { body, headers }),
    );
    if (result.ok) {
      const { payment, statusToken, checkoutUrl } = result.data;
      rememberGuestPayment(tabStorage(), { guestPaymentId: payment.id, statusToken });
      dispatch({ type: 'leaving' });
      const target = checkoutTarget(checkoutUrl);
      if (target) window.location.assign(target);
      else navigate(`/pay/done/${payment.id}`);
      return;
    }
    if (result.aborted) return;
    if (CHECK_OUTDATED.has(problemCode(result.failure) ?? '')) return dispatch({ type: 'checkOutdated', failure: result.failure });
    const phoneError = fieldErrorsByName(result.failure).receiptPhone;
    if (phoneError) return dispatch({ type: 'receiptRefused', message: phoneError });
    const errors = formErrorsOf(result.failure, provider.fields);
    // A field the bank refused is corrected on the form; anything else stays on the review, to retry.
    if (Object.keys(errors).length > 0) dispatch({ type: 'backToDetails' });
    refused(result.failure);
  }

  return { submitDetails, pay };
}
