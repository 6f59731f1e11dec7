import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';
import { interpolate, type TranslationKey, translator } from './translate';

describe('translator', () => {
  const t = translator(en, ru);

  it('finds a nested text by its dotted key', () => {
    expect(t('nav.home')).toBe(en.nav.home);
    expect(translator(ru, ru)('nav.home')).toBe('Главная');
  });

  it('fills every placeholder, with spaces or without', () => {
    expect(t('a11y.steps', { current: 2, total: 4 })).toBe(en.a11y.steps.replace('{{current}}', '2').replace('{{total}}', '4'));
    expect(interpolate('{{ a }} and {{b}} and {{a}}', { a: 'x', b: 0 })).toBe('x and 0 and x');
  });

  it('keeps a placeholder that has no value visible instead of printing "undefined"', () => {
    expect(interpolate('Code for {{phone}}', {})).toBe('Code for {{phone}}');
  });

  it('does not treat a value as a template: a payee name with braces is printed as typed', () => {
    expect(interpolate('To {{name}}', { name: '{{total}} $&' })).toBe('To {{total}} $&');
  });

  it('falls back to Russian, then to the key, for a key no catalogue has', () => {
    const partial = { ...en, nav: { ...en.nav, home: undefined } } as unknown as typeof en;
    expect(translator(partial, ru)('nav.home')).toBe('Главная');
    expect(t('kind.unknown_kind' as TranslationKey)).toBe('kind.unknown_kind');
  });

  it('never returns a subtree as a text', () => {
    expect(t('nav' as TranslationKey)).toBe('nav');
  });
});
