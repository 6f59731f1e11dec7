import { useKit } from './KitProvider';

/**
 * "Step 2 of 3" as a small progress list; the current step is marked for assistive technology.
 * A skipped step (an SMS code the bank did not ask for) gets a dash, never a tick: nothing was
 * done there, and its label should say why.
 */
export function Steps({ labels, current, skipped = [] }: { labels: readonly string[]; current: number; skipped?: readonly number[] }) {
  const { t } = useKit();
  return (
    <ol className="steps" aria-label={t('a11y.steps', { current: current + 1, total: labels.length })}>
      {labels.map((label, index) => {
        const state = index === current ? 'current' : skipped.includes(index) ? 'skipped' : index < current ? 'done' : 'todo';
        return (
          <li
            key={label}
            className={state === 'todo' ? 'steps__item' : `steps__item steps__item--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="steps__number" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'skipped' ? '–' : index + 1}
            </span>
            <span className="steps__label">{label}</span>
          </li>
        );
      })}
    </ol>
  );
}
