import { describe, expect, it } from 'vitest';
import { checkCategory, checkProviderDefinition } from './catalogue-rules.js';
import { DEMO_CATEGORIES, DEMO_PROVIDERS } from './demo-catalogue.js';

// The slugs payments/simulator answers for; the kindergarten is ad hoc and asks nothing before paying.
const SIMULATOR_SLUGS = ['kcell', 'beeline', 'tele2', 'erc', 'onay', 'fines', 'idnet'];

describe('the demo catalogue', () => {
  it('passes catalogue-rules, every provider and every category', () => {
    for (const provider of DEMO_PROVIDERS) {
      expect({ slug: provider.slug, problems: checkProviderDefinition(provider, 'http://127.0.0.1:4010/') }).toEqual({
        slug: provider.slug,
        problems: [],
      });
    }
    for (const category of DEMO_CATEGORIES) expect(checkCategory(category)).toEqual([]);
  });

  it('has the simulator’s slugs and the kindergarten, each unique, each in a known category', () => {
    const slugs = DEMO_PROVIDERS.map((provider) => provider.slug);
    expect([...slugs].sort()).toEqual([...SIMULATOR_SLUGS, 'kindergarten'].sort());
    const categoryIds = new Set(DEMO_CATEGORIES.map((category) => category.id));
    for (const provider of DEMO_PROVIDERS) expect(categoryIds.has(provider.categoryId)).toBe(true);
    expect([...categoryIds].sort()).toEqual(['education', 'fines-taxes', 'internet-tv', 'mobile', 'transport', 'utilities']);
    expect(DEMO_PROVIDERS.find((provider) => provider.slug === 'kindergarten')?.mode).toBe('ad-hoc');
  });

  it('gives every provider its own BIN and settlement IBAN', () => {
    expect(new Set(DEMO_PROVIDERS.map((provider) => provider.bin)).size).toBe(DEMO_PROVIDERS.length);
    expect(new Set(DEMO_PROVIDERS.map((provider) => provider.settlementIban)).size).toBe(DEMO_PROVIDERS.length);
  });

  it('has the operators’ prefixes of the issue', () => {
    const prefixes = (slug: string) => DEMO_PROVIDERS.find((provider) => provider.slug === slug)?.fields[0]?.phonePrefixes;
    expect(prefixes('kcell')).toEqual(['701', '702', '775', '778']);
    expect(prefixes('beeline')).toEqual(['705', '771', '776', '777']);
    expect(prefixes('tele2')).toEqual(['707', '747', '700', '708']);
  });
});
