import type { CardView, RevealedDetails } from './card-model';

/** A card as the API returns it, for unit tests: an active virtual card in tenge unless overridden. */
export function cardFixture(overrides: Partial<CardView> = {}): CardView {
  return {
    id: 'crd_1',
    kind: 'virtual',
    status: 'active',
    productName: 'Kassa Virtual',
    network: 'visa',
    maskedPan: '440043••••••1234',
    last4: '1234',
    expiryMonth: 8,
    expiryYear: 2029,
    expiry: '08/29',
    cardholderName: 'AIGERIM SERIKOVA',
    currency: 'KZT',
    account: { id: 'acc_1', kind: 'customer_current', displayName: 'Current account' },
    blockedByBank: false,
    usable: true,
    closeReason: null,
    createdAt: '2026-08-01T10:00:00Z',
    closedAt: null,
    controls: {
      internetEnabled: true,
      contactlessEnabled: true,
      cashEnabled: true,
      limits: { perOperationMinor: 20_000_000, perDayMinor: 50_000_000, perMonthMinor: 200_000_000 },
      defaultLimits: { perOperationMinor: 20_000_000, perDayMinor: 50_000_000, perMonthMinor: 200_000_000 },
      unlimited: false,
      unlimitedUntil: null,
      unlimitedDaysMax: 30,
      spentTodayMinor: 12_500_000,
      spentThisMonthMinor: 60_000_000,
    },
    actions: { freeze: true, unfreeze: false, close: true, reveal: true, changeControls: true },
    ...overrides,
  };
}

/** What the reveal answers after the code: a test number (Luhn-valid, the test BIN), never a real card's. */
export function detailsFixture(overrides: Partial<RevealedDetails> = {}): RevealedDetails {
  return {
    pan: '4400430000001234',
    expiryMonth: 8,
    expiryYear: 2029,
    expiry: '08/29',
    cvc2: '123',
    cardholderName: 'AIGERIM SERIKOVA',
    visibleForSeconds: 60,
    ...overrides,
  };
}
