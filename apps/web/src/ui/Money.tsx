import { useLocale } from '../i18n';
import { formatMoney } from '../lib/format';

interface MoneyProps {
  /** Integer amount in minor units (tiyn for KZT): 150000 is 1 500,00 ₸. */
  amountMinor: number | bigint;
  /** ISO 4217 code. */
  currency: string;
  className?: string;
}

export function Money({ amountMinor, currency, className }: MoneyProps) {
  const { locale } = useLocale();
  const negative = amountMinor < 0;
  return (
    <span className={['money', negative ? 'money--negative' : '', className].filter(Boolean).join(' ')}>
      {formatMoney(amountMinor, currency, locale)}
    </span>
  );
}
