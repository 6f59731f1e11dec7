import { describe, expect, it } from 'vitest';
import { CardVerificationKey } from '../../config-card-keys.js';
import { CVC2_SERVICE_CODE, cvc2, cvv } from './cvc.js';

/**
 * The CVV / CVC method against values computed outside this code base. Sources:
 * - the well-known table with CVK A 0123456789ABCDEF, CVK B FEDCBA9876543210 (16- and 13-digit
 *   PANs), as it appears in card-issuing implementation guides (e.g. the Chinese bank-card
 *   specification's CVV test data, reproduced at fsou.com/html/text/chl/848/84828_4.html);
 * - psec (github.com/knovichikhin/psec): its test (tests/test_cvv.py, CVK 9999…8888…) and the
 *   example in the docstring of psec.cvv.generate_cvv;
 * - a worked example with every intermediate block (github.com/UrielYair/CredoraxCourse,
 *   Assighnment2/CVCTest.java), which also pins step 3 (single DES under key A).
 */
const TEST_CVK = CardVerificationKey.parse('0123456789ABCDEFFEDCBA9876543210');

const VECTORS: Array<{ pan: string; expiry: string; serviceCode: string; cvk: CardVerificationKey; value: string }> = [
  { pan: '4123456789012345', expiry: '8701', serviceCode: '101', cvk: TEST_CVK, value: '561' },
  { pan: '4999988887777000', expiry: '9105', serviceCode: '111', cvk: TEST_CVK, value: '245' },
  { pan: '4666655554444111', expiry: '9206', serviceCode: '120', cvk: TEST_CVK, value: '664' },
  { pan: '4333322221111222', expiry: '9307', serviceCode: '141', cvk: TEST_CVK, value: '382' },
  { pan: '4123456789012', expiry: '8701', serviceCode: '101', cvk: TEST_CVK, value: '370' },
  { pan: '4999988887777', expiry: '9105', serviceCode: '111', cvk: TEST_CVK, value: '649' },
  { pan: '4666655554444', expiry: '9206', serviceCode: '120', cvk: TEST_CVK, value: '821' },
  { pan: '4333322221111', expiry: '9307', serviceCode: '141', cvk: TEST_CVK, value: '697' },
  { pan: '1234567890123456', expiry: '9912', serviceCode: '220', cvk: TEST_CVK, value: '170' },
  {
    pan: '2222222222222222',
    expiry: '3333',
    serviceCode: '111',
    cvk: CardVerificationKey.parse('99999999999999998888888888888888'),
    value: '361',
  },
  // Intermediate values of this one: block 1 under key A 4DC867AA9BCE665B, after 3DES 24E1A05574051BBF.
  {
    pan: '4123450990122129',
    expiry: '0721',
    serviceCode: '202',
    cvk: CardVerificationKey.parse('D676DCF3AFB7350532EAF00EA253D875'),
    value: '241',
  },
];

describe('CVV / CVC (the card-verification value method)', () => {
  it('gives the published value for every test vector', () => {
    for (const vector of VECTORS) {
      expect(cvv(vector.pan, vector.expiry, vector.serviceCode, vector.cvk), `${vector.pan} ${vector.expiry} ${vector.serviceCode}`).toBe(
        vector.value,
      );
    }
  });

  it('computes the CVC2 with service code 000, as the networks specify for the value on the back', () => {
    expect(CVC2_SERVICE_CODE).toBe('000');
    expect(cvc2('4123456789012345', '8701', TEST_CVK)).toBe(cvv('4123456789012345', '8701', '000', TEST_CVK));
    // Another expiry or another key pair gives another value (for these inputs; 3 digits collide at 1 in 1000).
    expect(cvc2('4123456789012345', '8701', TEST_CVK)).not.toBe(cvc2('4123456789012345', '8702', TEST_CVK));
    expect(cvc2('4123456789012345', '8701', TEST_CVK)).toMatch(/^\d{3}$/);
  });

  it('keeps a typed place for a dynamic CVC2 and refuses to guess its derivation', () => {
    expect(() => cvc2('4123456789012345', '8701', TEST_CVK, { kind: 'dynamic', stepMinutes: 60, stepIndex: 1 })).toThrowError(
      /dynamic CVC2 is not built/,
    );
  });

  it('refuses malformed input without echoing the PAN', () => {
    const attempts = [
      () => cvv('41234567890123456789', '8701', '101', TEST_CVK),
      () => cvv('4123 4567 8901 2345', '8701', '101', TEST_CVK),
      () => cvv('4123456789012345', '871', '101', TEST_CVK),
      () => cvv('4123456789012345', '8701', '1O1', TEST_CVK),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrowError(/Assertion failed/);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain('4123');
      }
    }
  });
});
