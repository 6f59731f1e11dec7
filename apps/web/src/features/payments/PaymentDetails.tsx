import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { Facts } from '../../money/components';
import { isAccepted } from '../../money/model';
import { ButtonLink, Card, ErrorAlert, Money, RefreshIcon, Spinner } from '../../ui';
import { ProviderLogo } from './ProviderLogo';
import { localized, type PaymentPrefill, type ServicePayment } from './payment-model';
import { SavedActions } from './SavePaymentDialog';
import './payments.css';

/** The provider's side as a badge tone: accepted, still waiting, or refused. */
function providerTone(status: ServicePayment['providerStatus']): 'success' | 'info' | 'error' | 'muted' {
  if (status === 'confirmed' || status === 'awaiting-activation') return 'success';
  if (status === 'pending') return 'info';
  return status === 'rejected' ? 'error' : 'muted';
}

/** What the facts of a service payment show, beside the operation's own (OperationPage). */
export function ServicePaymentFacts({ view }: { view: ServicePayment }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { operation } = view;
  const prefill: PaymentPrefill = {
    fields: view.fields,
    ...(operation.sourceAccountId ? { sourceAccountId: operation.sourceAccountId } : {}),
  };
  return (
    <div className="stack service-payment">
      <p className="service-payment__provider">
        <ProviderLogo logo={view.provider.logo} />
        <span>{localized(view.provider.name, language)}</span>
      </p>
      <Facts
        rows={[
          { label: t('payments.detailsAccount'), value: view.accountLabel },
          ...(view.lines ?? []).map((line) => ({
            label: `${t('payments.detailsLines')}: ${localized(line.name, language)}`,
            value: <Money amountMinor={line.amountMinor} currency={operation.currency} />,
          })),
          isAccepted(operation.status) && {
            label: t('payments.providerStatus'),
            value: <span className={`badge badge--${providerTone(view.providerStatus)}`}>{view.providerStatusText}</span>,
          },
          view.providerReference !== null && {
            label: t('payments.providerReference'),
            value: <span className="mono">{view.providerReference}</span>,
          },
        ]}
      />
      <div className="form-actions">
        {/* Repeat in two taps: this one, then "Check" on the provider's form filled in. */}
        <ButtonLink to={`/payments/${view.provider.id}`} state={prefill} variant="primary">
          <RefreshIcon />
          <span>{t('payments.repeat')}</span>
        </ButtonLink>
      </div>
      {isAccepted(operation.status) ? (
        <SavedActions
          payment={{
            paymentId: operation.id,
            providerId: view.provider.id,
            providerName: localized(view.provider.name, language),
            providerMode: view.provider.mode,
            fields: view.fields,
            amountMinor: operation.amountMinor,
            sourceAccountId: operation.sourceAccountId,
          }}
        />
      ) : null}
    </div>
  );
}

/** The service payment's own view (GET /api/v1/payments/{id}), loaded for the operation page. */
export function PaymentDetails({ operationId }: { operationId: string }) {
  const { t } = useTranslation();
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/payments/{paymentId}', { params: { path: { paymentId: operationId } }, signal })),
    [operationId],
  );
  return (
    <Card title={t('payments.detailsTitle')}>
      {state.status === 'loading' ? <Spinner /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' ? <ServicePaymentFacts view={state.data} /> : null}
    </Card>
  );
}
