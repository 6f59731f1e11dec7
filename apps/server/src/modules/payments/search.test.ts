import { describe, expect, it } from 'vitest';
import type { Provider } from './catalogue.types.js';
import { DEMO_CATEGORIES, DEMO_PROVIDERS } from './demo-catalogue.js';
import { foldText, latinSkeleton, searchProviders } from './search.js';

const NOW = new Date('2026-04-01T00:00:00Z');

function asProvider(definition: (typeof DEMO_PROVIDERS)[number], index: number, overrides: Partial<Provider> = {}): Provider {
  return {
    ...definition,
    id: `prv_${String(index).padStart(32, '0')}`,
    status: 'active',
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

const DEMO = DEMO_PROVIDERS.map((definition, index) => asProvider(definition, index));
const TEMPLATE = DEMO_PROVIDERS[0];
if (!TEMPLATE) throw new Error('the demo catalogue has providers');
// Names the demo lacks: a Kazakh name with its own letters, and a Russian name for the layout tests.
const EXTRA = [
  asProvider(TEMPLATE, 100, {
    slug: 'kazakhtelecom',
    categoryId: 'internet-tv',
    name: { ru: 'Казахтелеком', kk: 'Қазақтелеком', en: 'Kazakhtelecom' },
    keywords: 'ктк, kt',
    legalName: 'АО «Казахтелеком»',
  }),
  asProvider(TEMPLATE, 101, {
    slug: 'telecom-service',
    categoryId: 'internet-tv',
    name: { ru: 'Телеком Сервис', kk: 'Телеком Сервис', en: 'Telecom Service' },
    keywords: '',
    legalName: 'ТОО «ТС»',
  }),
  asProvider(TEMPLATE, 102, {
    slug: 'oskemen-su',
    categoryId: 'utilities',
    name: { ru: 'Водоканал Усть-Каменогорска', kk: 'Өскемен су арнасы', en: 'Oskemen Water' },
    keywords: '',
    legalName: 'ГКП «Өскемен Водоканал»',
  }),
];
const CATALOGUE = [...DEMO, ...EXTRA];

function slugs(query: string, limit = 10): string[] {
  return searchProviders(CATALOGUE, DEMO_CATEGORIES, query, limit).map((provider) => provider.slug);
}

describe('folding', () => {
  it('lowers the case, makes ё е and folds the Kazakh letters', () => {
    expect(foldText('ЁЛКА Әлем Қазақстан Өскемен Ұлы Үй Іле Ғалым Ң Һ')).toBe('елка алем казакстан оскемен улы уй иле галым н х');
  });

  it('gives kcell and кселл, onay and онай the same skeleton', () => {
    expect(latinSkeleton('kcell')).toBe(latinSkeleton(foldText('кселл')));
    expect(latinSkeleton('onay')).toBe(latinSkeleton(foldText('онай')));
  });
});

describe('searching the catalogue', () => {
  it('finds a provider by its name in each language', () => {
    expect(slugs('Штрафы')[0]).toBe('fines');
    expect(slugs('айыппұл')[0]).toBe('fines');
    expect(slugs('traffic')[0]).toBe('fines');
    expect(slugs('Балапан')[0]).toBe('kindergarten');
    expect(slugs('kindergarten')[0]).toBe('kindergarten');
  });

  it('ignores case and ё', () => {
    expect(slugs('KCELL')[0]).toBe('kcell');
    expect(slugs('единый расчетный')[0]).toBe('erc');
  });

  it('folds the Kazakh letters both ways: typed without them, or with them', () => {
    expect(slugs('Казактелеком')[0]).toBe('kazakhtelecom');
    expect(slugs('Қазақтелеком')[0]).toBe('kazakhtelecom');
    expect(slugs('оскемен')[0]).toBe('oskemen-su');
  });

  it('finds a Russian name typed on the Latin layout', () => {
    // "ntktrjv" is "телеком" on ЙЦУКЕН.
    expect(slugs('ntktrjv')).toEqual(expect.arrayContaining(['telecom-service', 'kazakhtelecom']));
    expect(slugs('ntktrjv')[0]).toBe('telecom-service');
    // "ntkt2" is "теле2" (a keyword), "tkt2" its "еле2" inside it.
    expect(slugs('ntkt2')[0]).toBe('tele2');
    expect(slugs('tkt2')[0]).toBe('tele2');
    // "inhfas" is "штрафы".
    expect(slugs('inhfas')[0]).toBe('fines');
  });

  it('finds a Latin name typed on the Russian layout', () => {
    // "лсуд" is "kcel" on QWERTY.
    expect(slugs('лсуд')[0]).toBe('kcell');
    expect(slugs('щтфн')[0]).toBe('onay');
  });

  it('finds kcell typed as кселл and onay as онай even without the keywords', () => {
    const bare = CATALOGUE.map((provider) => ({ ...provider, keywords: '' }));
    const found = (query: string) => searchProviders(bare, [], query, 5).map((provider) => provider.slug)[0];
    expect(found('кселл')).toBe('kcell');
    expect(found('онай')).toBe('onay');
    expect(found('алтел')).toBe('tele2');
  });

  it('finds by keywords and the legal name', () => {
    expect(slugs('актив')[0]).toBe('kcell');
    expect(slugs('activ')[0]).toBe('kcell');
    expect(slugs('tele 2')[0]).toBe('tele2');
    expect(slugs('теле 2')[0]).toBe('tele2');
    expect(slugs('кар-тел')[0]).toBe('beeline');
  });

  it('ranks the start of a name above a word’s start, above a match inside a word', () => {
    // "телеком": the start of "Телеком Сервис", a word's start in Tele2's legal name
    // («Мобайл Телеком-Сервис»), inside "Казахтелеком".
    expect(slugs('телеком')).toEqual(['telecom-service', 'tele2', 'kazakhtelecom']);
    // "сервис": a word's start in a name, above one in a legal name («Телеком-Сервис»).
    expect(slugs('сервис')).toEqual(['telecom-service', 'tele2']);
  });

  it('ranks a name above a category that matches the same words', () => {
    const results = slugs('мобильная');
    expect(results.slice(0, 3).sort()).toEqual(['beeline', 'kcell', 'tele2']);
    expect(slugs('интернет')[0]).toBe('idnet');
  });

  it('finds nothing for an empty query, for noise, and keeps to the limit', () => {
    expect(slugs('   ')).toEqual([]);
    expect(slugs('zzqxw')).toEqual([]);
    expect(slugs('е', 2)).toHaveLength(2);
    expect(searchProviders(CATALOGUE, DEMO_CATEGORIES, 'жщ'.repeat(5_000), 10)).toEqual([]);
  });
});
