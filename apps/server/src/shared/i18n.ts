/** Languages of every screen, SMS and error. Russian first: most customers read it. */
export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';

export type Localized = Record<Language, string>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the best of ru/kk/en from an Accept-Language header (RFC 9110 §12.5.4), honouring q.
 * Unknown or malformed headers fall back to Russian.
 */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  let best: { language: Language; quality: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!isLanguage(primary)) continue;
    let quality = 1;
    for (const param of params) {
      const match = /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(param);
      if (match?.[1]) quality = Number(match[1]);
    }
    if (quality > 0 && (!best || quality > best.quality)) best = { language: primary, quality };
  }
  return best ? best.language : DEFAULT_LANGUAGE;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
