import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { KeyPaths, TFunction } from './i18n/translate';

/**
 * The texts the kit's own components say (a spinner's "Loading…", the password field's
 * show/hide, an error's request number). Each app's catalogue has these keys among its own, and
 * gives its t() to <KitProvider>: the compiler rejects a catalogue that lacks one, since an app's
 * TFunction is a KitTFunction only if every KitKey is one of its keys.
 */
export interface KitCatalog {
  common: { loading: string; retry: string; copy: string; copied: string; copyFailed: string };
  a11y: { steps: string };
  password: { rule: string; count: string; show: string; hide: string };
  errors: { title: string; network: string; unexpected: string; requestId: string; supportDetails: string; fieldErrors: string };
}

export type KitKey = KeyPaths<KitCatalog>;
export type KitTFunction = TFunction<KitKey>;

interface KitSettings {
  t: KitTFunction;
  /** The Intl locale of the screen ("kk-KZ"): amounts and dates are formatted for it. */
  locale: string;
}

const KitContext = createContext<KitSettings | null>(null);

/** Gives the kit the app's texts and locale; a language switch re-renders the kit with the new ones. */
export function KitProvider({ t, locale, children }: KitSettings & { children: ReactNode }) {
  const value = useMemo(() => ({ t, locale }), [t, locale]);
  return <KitContext.Provider value={value}>{children}</KitContext.Provider>;
}

export function useKit(): KitSettings {
  const value = useContext(KitContext);
  if (value === null) throw new Error('a kit component was rendered outside <KitProvider>');
  return value;
}
