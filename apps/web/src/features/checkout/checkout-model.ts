import { useEffect, useState } from 'react';

/** Whole seconds from now until `iso` (0 once passed; 0 for a date the browser cannot read). */
export function secondsUntil(iso: string | null, nowMs = Date.now()): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** "4:05" for 245 seconds: how the challenge shows the time its code has left. */
export function minutesAndSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A live countdown to an instant, in whole seconds, ticking once a second while it runs. */
export function useSecondsLeft(until: string | null): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(until));
  useEffect(() => {
    setSeconds(secondsUntil(until));
    if (!until) return;
    const timer = window.setInterval(() => setSeconds(secondsUntil(until)), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return seconds;
}

/**
 * Where "back to the shop" may go: the merchant's return URL as the bank validated it, and only
 * over http(s), so a stored `javascript:` can never run on the bank's page.
 */
export function safeReturnUrl(returnUrl: string): string | null {
  try {
    const url = new URL(returnUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The token of the checkout link (`#<token>`), or null when the fragment is empty. */
export function tokenFromHash(hash: string): string | null {
  const token = hash.startsWith('#') ? hash.slice(1) : hash;
  return /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}
