import { Button, Card, callApi, DateTime, EmptyState, ErrorAlert, LoadingState, PageHeader, useApiLoad } from '@kassa/ui';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useStaffSession } from '../../auth/session';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { CreateMerchantForm } from './CreateMerchantForm';
import { MerchantPage } from './MerchantPage';
import { type Merchant, MerchantStatusBadge, ModeBadges } from './merchant-badges';

/** The merchants, newest first, a page at a time; admins create one beside the list. */
function MerchantsList() {
  const { t } = useTranslation();
  usePageTitle(t('merchants.title'));
  const navigate = useNavigate();
  const canManage = useStaffSession().staff.role === 'admin';
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Merchant[]>([]);
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/merchants', { params: { query: after ? { after } : {} }, signal })),
    [after],
  );
  const items = state.status === 'ready' ? [...earlier, ...state.data.items] : earlier;
  const list = (
    <Card>
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && items.length === 0 ? <EmptyState title={t('merchants.empty')} /> : null}
      {items.length > 0 ? (
        <ul className="list" aria-label={t('merchants.title')}>
          {items.map((merchant) => (
            <li key={merchant.id} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">
                  <Link to={`/merchants/${merchant.id}`}>{merchant.legalName}</Link> <MerchantStatusBadge status={merchant.status} />
                </p>
                <p className="list-row__meta">
                  {t('merchants.bin')} {merchant.bin} · MCC {merchant.mcc} · <ModeBadges merchant={merchant} /> ·{' '}
                  <DateTime value={merchant.createdAt} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'ready' && state.data.nextCursor ? (
        <div className="form-actions">
          <Button
            variant="secondary"
            onClick={() => {
              setEarlier(items);
              setAfter(state.data.nextCursor);
            }}
          >
            {t('merchants.more')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
  return (
    <div className="page">
      <PageHeader title={t('merchants.title')} lead={t('merchants.lead')} />
      {canManage ? (
        <div className="grid grid--2">
          {list}
          <CreateMerchantForm onCreated={(merchantId) => navigate(`/merchants/${merchantId}`)} />
        </div>
      ) : (
        list
      )}
    </div>
  );
}

/** The Merchants section (merchants.view: every role reads; admins manage): the list and one merchant. */
export function MerchantsSection() {
  return (
    <Routes>
      <Route index element={<MerchantsList />} />
      <Route path=":merchantId" element={<MerchantPage />} />
    </Routes>
  );
}
