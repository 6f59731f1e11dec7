import { useEffect, useState } from 'react';

/** Long enough to read a sentence twice; then the screen is as it was, without a stale "done". */
const NOTICE_SHOWN_MS = 6_000;

/** A "done" message that goes by itself, as a toast would, so an old one never sits beside a new action. */
export function useNotice(): [string | null, (text: string | null) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (notice === null) return;
    const timer = window.setTimeout(() => setNotice(null), NOTICE_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);
  return [notice, setNotice];
}
