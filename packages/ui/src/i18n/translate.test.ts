import { describe, expect, it } from 'vitest';
import { interpolate, type KeyPaths, translator } from './translate';

const ru = { nav: { home: 'Главная', steps: 'Шаг {{current}} из {{total}}' }, app: 'Kassa' };
const en: typeof ru = { nav: { home: 'Home', steps: 'Step {{current}} of {{total}}' }, app: 'Kassa' };
type Key = KeyPaths<typeof ru>;

describe('translator', () => {
  const t = translator(en, ru);

  it('finds a nested text by its dotted key', () => {
    expect(t('nav.home')).toBe('Home');
    expect(translator(ru, ru)('nav.home')).toBe('Главная');
    expect(t('app')).toBe('Kassa');
  });

  it('fills every placeholder, with spaces or without', () => {
    expect(t('nav.steps', { current: 2, total: 4 })).toBe('Step 2 of 4');
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
    expect(t('kind.unknown_kind' as Key)).toBe('kind.unknown_kind');
  });

  it('never returns a subtree as a text', () => {
    expect(t('nav' as Key)).toBe('nav');
  });
});
