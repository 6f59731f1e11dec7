import { formatMoney } from './format';
import { useKit } from './KitProvider';

interface MoneyProps {
  /** Integer amount in minor units (tiyn for KZT): 150000 is 1 500,00 ₸. */
  amountMinor: number | bigint;
  /** ISO 4217 code. */
  currency: string;
  className?: string;
}

export function Money({ amountMinor, currency, className }: MoneyProps) {
  const { locale } = useKit();
  const negative = amountMinor < 0;
  return (
    <span className={['money', negative ? 'money--negative' : '', className].filter(Boolean).join(' ')}>
      {formatMoney(amountMinor, currency, locale)}
    </span>
  );
}
