import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { ErrorAlert, PageHeader } from '../../ui';
import { FavouritesStrip } from './FavouritesStrip';
import { ProviderCatalogue, useCatalogue } from './ProviderCatalogue';
import '../transfers/transfers.css';
import './payments.css';

/**
 * The customer's payments catalogue (issue 16 item 7): the favourites and the schedules, then the
 * search and the categories (ProviderCatalogue.tsx, which the guests' /pay shows too).
 */
export function CataloguePage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  usePageTitle(t('payments.title'));
  const { state, reload } = useCatalogue();
  const { state: favourites, reload: reloadFavourites } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/payments/favourites', { signal })),
    [],
  );
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());

  return (
    <div className="page payments-page">
      <PageHeader title={t('payments.title')} lead={t('payments.lead')} />
      <p className="payments-links">
        <Link to="/payments/schedules">{t('paymentsSaved.schedulesLink')}</Link>
      </p>
      {favourites.status === 'error' ? <ErrorAlert failure={favourites.failure} onRetry={reloadFavourites} /> : null}
      {favourites.status === 'ready' && state.status === 'ready' ? (
        <FavouritesStrip
          favourites={favourites.data.items.filter((item) => !deleted.has(item.id))}
          providers={state.data.providers}
          language={language}
          onDeleted={(id) => setDeleted((current) => new Set([...current, id]))}
        />
      ) : null}
      <ProviderCatalogue state={state} reload={reload} hrefOf={(provider) => `/payments/${provider.id}`} />
    </div>
  );
}
