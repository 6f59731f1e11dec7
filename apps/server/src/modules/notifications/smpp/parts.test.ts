import { describe, expect, it } from 'vitest';
import { decodeGsm7, encodeGsm7, fitsGsm7 } from './gsm7.js';
import { DATA_CODING_GSM7, DATA_CODING_UCS2, ESM_CLASS_UDH_INDICATOR, splitIntoParts } from './parts.js';
import { formatDeliveryReceipt, isDeliveryReceipt, parseDeliveryReceipt } from './receipt.js';

describe('SMS parts', () => {
  it('keeps 160 GSM-7 septets in one part and splits 161 into two of at most 153', () => {
    expect(splitIntoParts('a'.repeat(160))).toHaveLength(1);
    const parts = splitIntoParts('a'.repeat(161));
    expect(parts.map((part) => part.shortMessage.length - 6)).toEqual([153, 8]);
    expect(parts.every((part) => part.dataCoding === DATA_CODING_GSM7 && part.esmClass === ESM_CLASS_UDH_INDICATOR)).toBe(true);
  });

  it('counts an extension character as two septets and never splits its escape', () => {
    expect(splitIntoParts('€'.repeat(80))).toHaveLength(1);
    const parts = splitIntoParts('€'.repeat(81));
    expect(parts).toHaveLength(2);
    expect(parts.map((part) => decodeGsm7(part.shortMessage.subarray(6))).join('')).toBe('€'.repeat(81));
  });

  it('uses UCS-2 for Kazakh letters: 70 in one part, 71 in parts of 67 that share one reference', () => {
    expect(fitsGsm7('әғқңөұүһі')).toBe(false);
    const single = splitIntoParts('ә'.repeat(70));
    expect(single).toEqual([{ dataCoding: DATA_CODING_UCS2, esmClass: 0, shortMessage: Buffer.from('ә'.repeat(70), 'utf16le').swap16() }]);
    const parts = splitIntoParts('қ'.repeat(71));
    expect(parts.map((part) => [...part.shortMessage.subarray(0, 6)])).toEqual([
      [5, 0, 3, parts[0]?.shortMessage[3], 2, 1],
      [5, 0, 3, parts[0]?.shortMessage[3], 2, 2],
    ]);
    expect(parts.map((part) => (part.shortMessage.length - 6) / 2)).toEqual([67, 4]);
  });

  it('round-trips the GSM 03.38 alphabet', () => {
    const text = 'Hello @£$ ÄÖÑÜ § ¿ {x} [y] ~|^ \\ €';
    expect(decodeGsm7(encodeGsm7(text))).toBe(text);
    expect(() => encodeGsm7('Привет')).toThrow(/GSM 03.38/);
  });
});

describe('delivery receipts', () => {
  it('reads the id and the final state of an appendix B receipt', () => {
    const text = formatDeliveryReceipt('sim00000042', 'UNDELIV', new Date('2026-12-04T10:20:00Z'));
    expect(text).toBe('id:sim00000042 sub:001 dlvrd:000 submit date:2612041020 done date:2612041020 stat:UNDELIV err:000 text:');
    expect(parseDeliveryReceipt(text)).toEqual({ messageId: 'sim00000042', stat: 'UNDELIV', outcome: 'failed' });
    expect(parseDeliveryReceipt('id:7 stat:DELIVRD')?.outcome).toBe('delivered');
    expect(parseDeliveryReceipt('id:7 stat:ENROUTE')?.outcome).toBeNull();
    expect(parseDeliveryReceipt('hello')).toBeNull();
    expect(isDeliveryReceipt(0x04)).toBe(true);
    expect(isDeliveryReceipt(0x00)).toBe(false);
  });
});
