import { formatMoney } from '@kassa/ui';
import { useLocale, useTranslation } from '../../i18n';

const LIMIT_NAMES = ['per_operation', 'per_day', 'per_month'] as const;
type LimitName = (typeof LIMIT_NAMES)[number];

interface LimitRaisePayload {
  limit: LimitName;
  amountMinor: number;
  previousAmountMinor: number;
  currency: string;
}

function isLimitName(value: unknown): value is LimitName {
  return typeof value === 'string' && (LIMIT_NAMES as readonly string[]).includes(value);
}

/** The payload of a limit_raise request as risk writes it (approvals' APPROVAL_PAYLOAD_SCHEMAS), or null. */
export function limitRaisePayload(payload: Record<string, unknown>): LimitRaisePayload | null {
  const { limit, amountMinor, previousAmountMinor, currency } = payload;
  if (!isLimitName(limit)) return null;
  if (typeof amountMinor !== 'number' || typeof previousAmountMinor !== 'number' || typeof currency !== 'string') return null;
  return { limit, amountMinor, previousAmountMinor, currency };
}

/** A limit raise in words, for the checker: which limit, what it was when asked, what it becomes. */
export function LimitRaiseFacts({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const raise = limitRaisePayload(payload);
  if (!raise) return null;
  const rows = [
    [t('limitRaise.approvalLimit'), t(`limitRaise.limit_${raise.limit}`)],
    [t('limitRaise.approvalFrom'), formatMoney(raise.previousAmountMinor, raise.currency, locale)],
    [t('limitRaise.approvalTo'), formatMoney(raise.amountMinor, raise.currency, locale)],
  ] as const;
  return rows.map(([label, value]) => (
    <div key={label} className={label === t('limitRaise.approvalTo') ? 'facts__row facts__row--strong' : 'facts__row'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  ));
}
