import './approvals.css';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { Alert, ButtonLink } from '../../ui';
import type { PendingApproval } from './approvals-api';
import { usePendingApprovals } from './usePendingApprovals';

/** The path of one purchase's approval screen. */
export function approvalPath(acsTransID: string): string {
  return `/approvals/${encodeURIComponent(acsTransID)}`;
}

/** The banner for purchases already listed: the earliest-expiring one named, the rest counted. */
export function ApprovalBannerView({ items }: { items: readonly PendingApproval[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const first = items[0];
  if (!first) return null;
  const amount = formatMoney(first.amountMinor, first.currency, locale);
  return (
    <div className="approval-banner">
      <Alert
        tone="warning"
        title={t('approvals.bannerTitle', { amount, merchant: first.merchantName })}
        action={
          <ButtonLink to={approvalPath(first.acsTransID)} variant="primary">
            {t('approvals.bannerLink')}
          </ButtonLink>
        }
      >
        <p>{t('approvals.bannerText')}</p>
        {items.length > 1 ? <p>{t('approvals.bannerMore', { count: items.length - 1 })}</p> : null}
      </Alert>
    </div>
  );
}

/**
 * On the signed-in home, while an online purchase waits for the customer's approval (issue 15
 * item 4): asked every few seconds while the home screen is open, nothing shown otherwise (a
 * failed poll included: the SMS code still reaches the customer).
 */
export function ApprovalBanner() {
  const state = usePendingApprovals();
  if (state.status !== 'ready') return null;
  return <ApprovalBannerView items={state.items} />;
}
