import { describe, expect, it } from 'vitest';
import { CARDHOLDER_NAME_LENGTH_MAX, cardholderName, transliterateIcao } from './cardholder-name.js';

describe('ICAO 9303 transliteration', () => {
  it('writes Kazakh and Russian names in Latin capitals as passports do', () => {
    expect(transliterateIcao('Айгерим Сәрсенова')).toBe('AIGERIM SARSENOVA');
    expect(transliterateIcao('Жанар')).toBe('ZHANAR');
    expect(transliterateIcao('Ұлжан Әбілова')).toBe('ULZHAN ABILOVA');
    expect(transliterateIcao('Қайрат Ғабитов')).toBe('KAIRAT GABITOV');
    expect(transliterateIcao('Өміргүл Қонысбаева')).toBe('OMIRGUL KONYSBAEVA');
    expect(transliterateIcao('Іңкәр Һасенова')).toBe('INKAR HASENOVA');
    expect(transliterateIcao('Юлия Щербакова')).toBe('IULIIA SHCHERBAKOVA');
    expect(transliterateIcao('Хабиб Цой')).toBe('KHABIB TSOI');
    expect(transliterateIcao('Чингиз Ячменёв')).toBe('CHINGIZ IACHMENEV');
    expect(transliterateIcao('Игорь Подъячев')).toBe('IGOR PODIEIACHEV');
    expect(transliterateIcao('Эльмира Дьяченко')).toBe('ELMIRA DIACHENKO');
    expect(transliterateIcao('Мұхтар Әуезов')).toBe('MUKHTAR AUEZOV');
  });

  it('keeps Latin names, spaces, hyphens and apostrophes; drops accents, digits and marks', () => {
    expect(transliterateIcao('Smagulova Dana')).toBe('SMAGULOVA DANA');
    expect(transliterateIcao('  O’Brien-Smith   Ann ')).toBe("O'BRIEN-SMITH ANN");
    expect(transliterateIcao('José Müller')).toBe('JOSE MUELLER');
    expect(transliterateIcao('Анна - Мария')).toBe('ANNA-MARIIA');
    expect(transliterateIcao('Дана 2.')).toBe('DANA');
    expect(transliterateIcao('李小龙')).toBe('');
  });
});

describe('cardholder name', () => {
  it('puts the given name first and leaves out the patronymic of a name kept surname first', () => {
    expect(cardholderName('Сәрсенова Айгерим Маратқызы')).toBe('AIGERIM SARSENOVA');
    expect(cardholderName('Бекова Айгерим')).toBe('AIGERIM BEKOVA');
    expect(cardholderName('Тулегенов Ерлан Сакенұлы')).toBe('ERLAN TULEGENOV');
    expect(cardholderName('Smagulova Dana')).toBe('DANA SMAGULOVA');
    expect(cardholderName('Мадонна')).toBe('MADONNA');
  });

  it('fits 26 characters: the given name shortened to its initial, then the surname cut', () => {
    expect(cardholderName('Константинопольская Александра')).toBe('A KONSTANTINOPOLSKAIA');
    const long = cardholderName('Щербаковщиковзащищенская Анастасия');
    expect(long?.length).toBeLessThanOrEqual(CARDHOLDER_NAME_LENGTH_MAX);
    expect(long).toBe('SHCHERBAKOVSHCHIKOVZASHCHI');
    for (const name of ['Бекова-Смагулова Айгерим-Ханым', 'Ы Ы', 'Сейтқали Айгүл Маратқызы']) {
      const result = cardholderName(name) ?? '';
      expect(result, name).toMatch(/^[A-Z][A-Z '-]*$/);
      expect(result.length, name).toBeLessThanOrEqual(CARDHOLDER_NAME_LENGTH_MAX);
    }
  });

  it('answers null when nothing Latin is left, so the customer chooses the name', () => {
    expect(cardholderName('李小龙')).toBeNull();
    expect(cardholderName('   ')).toBeNull();
  });
});
