import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { PageHeader } from '../../ui';
import { ProviderCatalogue, useCatalogue } from '../payments/ProviderCatalogue';
import { SignedInBanner } from './SignedInBanner';
import '../payments/payments.css';
import './guest-pay.css';

/** /pay: the public catalogue for guests (issue 16 item 5), the same search and categories as a customer's, each provider opening its guest form. */
export function GuestCataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t('guestPay.title'));
  const { state, reload } = useCatalogue();
  return (
    <div className="page payments-page guest-pay">
      <PageHeader title={t('guestPay.title')} lead={t('guestPay.lead')} />
      <SignedInBanner />
      <ProviderCatalogue state={state} reload={reload} hrefOf={(provider) => `/pay/${provider.id}`} />
    </div>
  );
}
