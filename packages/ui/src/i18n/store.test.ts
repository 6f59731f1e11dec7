import { describe, expect, it } from 'vitest';
import { createTranslationStore } from './store';

const ru = { hello: 'Здравствуйте', only: 'Только по-русски' };
const kk: typeof ru = { hello: 'Сәлеметсіз бе', only: '' };

describe('the translation store', () => {
  it('refuses to answer before a language is shown, so no screen renders keys', () => {
    const store = createTranslationStore<'ru' | 'kk', typeof ru>('ru');
    expect(() => store.translationState()).toThrow(/not shown yet/);
    expect(() => store.showLanguage('kk')).toThrow(/not loaded/);
  });

  it('tells every subscriber of a switch and keeps the catalogues it loaded', () => {
    const store = createTranslationStore<'ru' | 'kk', typeof ru>('ru');
    let calls = 0;
    const unsubscribe = store.subscribeToLanguage(() => {
      calls += 1;
    });
    store.showLanguage('kk', kk);
    expect(store.translationState().t('hello')).toBe('Сәлеметсіз бе');
    store.showLanguage('ru', ru);
    store.showLanguage('kk');
    expect(store.hasCatalog('ru') && store.hasCatalog('kk')).toBe(true);
    expect(calls).toBe(3);
    unsubscribe();
    store.showLanguage('ru');
    expect(calls).toBe(3);
  });

  it('backs a key with the source language only once that catalogue is loaded', () => {
    const store = createTranslationStore<'ru' | 'kk', typeof ru>('ru');
    const partial = { hello: 'Сәлем' } as unknown as typeof ru;
    store.showLanguage('kk', partial);
    expect(store.translationState().t('only')).toBe('only');
    store.showLanguage('ru', ru);
    store.showLanguage('kk');
    expect(store.translationState().t('only')).toBe('Только по-русски');
  });
});
