import { type DateTimeStyle, formatDateTime } from './format';
import { useKit } from './KitProvider';

interface DateTimeProps {
  /** An ISO 8601 instant, e.g. "2025-03-01T09:30:00Z". */
  value: string;
  format?: DateTimeStyle;
  className?: string;
}

/** An instant shown in Asia/Almaty for the current locale, with a machine-readable datetime. */
export function DateTime({ value, format = 'dateTime', className }: DateTimeProps) {
  const { locale } = useKit();
  const text = formatDateTime(value, locale, format);
  if (text === null) return <span className={className}>{value}</span>;
  return (
    <time className={className} dateTime={value}>
      {text}
    </time>
  );
}
