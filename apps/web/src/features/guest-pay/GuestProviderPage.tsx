import { type FormEvent, useEffect, useReducer, useRef } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { ErrorAlert, LoadingState, PageHeader, Steps } from '../../ui';
import { useSession } from '../auth/session';
import { ProviderForm } from '../payments/ProviderForm';
import { ProviderLogo } from '../payments/ProviderLogo';
import { localized, type ProviderView } from '../payments/payment-model';
import { type SavedPrefill, savedPrefillOf } from '../payments/saved-model';
import { GuestReview } from './GuestReview';
import { guestPayReducer, prefilledGuestPayState } from './guest-state';
import { SignedInBanner } from './SignedInBanner';
import { useGuestPayCalls } from './useGuestPayCalls';
import '../transfers/transfers.css';
import '../payments/payments.css';
import './guest-pay.css';

function GuestPayFlow({ provider, prefill }: { provider: ProviderView; prefill: SavedPrefill | null }) {
  const { t } = useTranslation();
  const { language, locale } = useLocale();
  const [state, dispatch] = useReducer(guestPayReducer, undefined, () => prefilledGuestPayState(provider, prefill));
  const calls = useGuestPayCalls(provider, state, dispatch);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const { step } = state;

  useEffect(() => {
    if (step === 'review') stepHeading.current?.focus();
  }, [step]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void calls.submitDetails();
  }

  return (
    <div className="wizard stack">
      <Steps
        labels={[t('guestPay.stepDetails'), t('guestPay.stepReview'), t('guestPay.stepCard'), t('guestPay.stepDone')]}
        current={state.leaving ? 2 : step === 'review' ? 1 : 0}
      />
      {step === 'review' && state.fee ? (
        <GuestReview
          provider={provider}
          state={state}
          fee={state.fee}
          language={language}
          headingRef={stepHeading}
          onReceiptPhone={(value) => dispatch({ type: 'receiptEdited', value })}
          onPay={() => void calls.pay()}
          onEdit={() => dispatch({ type: 'backToDetails' })}
        />
      ) : (
        <ProviderForm
          provider={provider}
          state={state}
          accounts={null}
          language={language}
          locale={locale}
          handlers={{
            onField: (name, value) => dispatch({ type: 'edited', name, value }),
            onSource: () => undefined,
            onAmount: (value) => dispatch({ type: 'amountEdited', value }),
            onLineToggle: (id, chosen) => dispatch({ type: 'lineToggled', id, chosen }),
            onLineEdit: (id, value) => dispatch({ type: 'lineEdited', id, value }),
            onSubmit: submit,
            onRetry: () => void calls.submitDetails(),
          }}
        />
      )}
    </div>
  );
}

/**
 * A provider's page for a guest (/pay/:providerId, issue 16 item 5): its form driven by its field
 * definitions (ProviderForm, without an account to pay from), the provider's check or bill, then
 * the review with the fee, the total and the phone for the receipt, and the bank's card page.
 */
export function GuestProviderPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { providerId = '' } = useParams();
  // A signed-in customer's "By card" from their own form (payments/card-source.ts) arrives with its fields and amount.
  const prefill = savedPrefillOf(useLocation().state);
  const signedIn = useSession().state.status === 'authenticated';
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/payments/providers/{providerId}', { params: { path: { providerId } }, signal })),
    [providerId],
  );
  const provider = state.status === 'ready' ? state.data : null;
  usePageTitle(provider ? localized(provider.name, language) : t('guestPay.title'));

  return (
    <div className="page payments-page guest-pay">
      <p>
        {signedIn ? (
          <Link to={`/payments/${encodeURIComponent(providerId)}`}>← {t('guestPay.backToAccounts')}</Link>
        ) : (
          <Link to="/pay">← {t('guestPay.allProviders')}</Link>
        )}
      </p>
      <SignedInBanner />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? (
        <>
          <PageHeader title={t('payments.notFound')} />
          <ErrorAlert failure={state.failure} onRetry={state.failure.status === 404 ? undefined : reload} />
        </>
      ) : null}
      {provider ? (
        <>
          <PageHeader
            title={
              <span className="provider-title">
                <ProviderLogo logo={provider.logo} size="large" />
                <span>{localized(provider.name, language)}</span>
              </span>
            }
            lead={provider.legalName}
          />
          <GuestPayFlow key={provider.id} provider={provider} prefill={prefill} />
        </>
      ) : null}
    </div>
  );
}
