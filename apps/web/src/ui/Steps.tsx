import { useTranslation } from 'react-i18next';

/** "Step 2 of 3" as a small progress list; the current step is marked for assistive technology. */
export function Steps({ labels, current }: { labels: readonly string[]; current: number }) {
  const { t } = useTranslation();
  return (
    <ol className="steps" aria-label={t('a11y.steps', { current: current + 1, total: labels.length })}>
      {labels.map((label, index) => (
        <li
          key={label}
          className={
            index < current ? 'steps__item steps__item--done' : index === current ? 'steps__item steps__item--current' : 'steps__item'
          }
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="steps__number" aria-hidden="true">
            {index < current ? '✓' : index + 1}
          </span>
          <span className="steps__label">{label}</span>
        </li>
      ))}
    </ol>
  );
}
