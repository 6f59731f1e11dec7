import { useLocale, useTranslation } from '../../../i18n';
import { formatMoney } from '../../../lib/format';
import { useAccountName } from '../../../money/components';
import type { Account } from '../../../money/model';

/** The options of an account select: name and available balance. */
export function AccountOptions({ accounts }: { accounts: readonly Account[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const accountName = useAccountName();
  return accounts.map((account) => (
    <option key={account.id} value={account.id}>
      {t('transfer.accountOption', { name: accountName(account), balance: formatMoney(account.availableMinor, account.currency, locale) })}
    </option>
  ));
}
