import { useEffect, useState } from 'react';
import { CopyIcon, SuccessIcon } from './icons';
import { useKit } from './KitProvider';

const COPIED_SHOWN_MS = 2_000;

/** Copies a value (an IBAN) to the clipboard and says so in a polite live region. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useKit();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), COPIED_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard permission (an old browser, an insecure origin): the value stays selectable.
      setState('failed');
    }
  }
  return (
    <span className="copy">
      <button type="button" className="copy__button" onClick={() => void copy()} aria-label={label}>
        {state === 'copied' ? <SuccessIcon /> : <CopyIcon />}
        <span aria-hidden="true">{state === 'copied' ? t('common.copied') : t('common.copy')}</span>
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
