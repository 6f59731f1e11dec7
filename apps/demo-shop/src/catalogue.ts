/**
 * What the demo shop sells: a fixed list, prices in tiyn (minor units of KZT) as bigint, as Kassa
 * counts money. The swatch is a CSS colour class: the shop loads no image from anywhere.
 */

export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Item {
  id: string;
  priceMinor: bigint;
  swatch: string;
  name: Record<Language, string>;
}

export const CATALOGUE: readonly Item[] = [
  {
    id: 'tea',
    priceMinor: 250_000n,
    swatch: 'swatch-green',
    name: { ru: 'Чай «Алатау», 100 г', kk: '«Алатау» шайы, 100 г', en: 'Alatau tea, 100 g' },
  },
  { id: 'mug', priceMinor: 420_000n, swatch: 'swatch-blue', name: { ru: 'Кружка с орнаментом', kk: 'Оюлы саптаяқ', en: 'Patterned mug' } },
  {
    id: 'baursak',
    priceMinor: 180_000n,
    swatch: 'swatch-amber',
    name: { ru: 'Баурсаки, 500 г', kk: 'Бауырсақ, 500 г', en: 'Baursaks, 500 g' },
  },
  { id: 'kurt', priceMinor: 95_000n, swatch: 'swatch-cream', name: { ru: 'Курт, 200 г', kk: 'Құрт, 200 г', en: 'Kurt, 200 g' } },
  {
    id: 'scarf',
    priceMinor: 1_290_000n,
    swatch: 'swatch-red',
    name: { ru: 'Шарф из верблюжьей шерсти', kk: 'Түйе жүнінен шарф', en: 'Camel wool scarf' },
  },
];

const BY_ID = new Map(CATALOGUE.map((item) => [item.id, item]));

export function itemById(id: string): Item | undefined {
  return BY_ID.get(id);
}

/** Money for people, in the page's language: the only place the shop formats an amount. */
export function formatTenge(amountMinor: bigint, language: Language): string {
  const locale = language === 'en' ? 'en-KZ' : language === 'kk' ? 'kk-KZ' : 'ru-KZ';
  const whole = amountMinor / 100n;
  const fraction = Number(amountMinor % 100n) / 100;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'KZT', minimumFractionDigits: fraction ? 2 : 0 }).format(
    Number(whole) + fraction,
  );
}
