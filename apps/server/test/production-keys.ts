/**
 * The card keys a production configuration must carry (CARD_KEK, CARD_CVK, CARD_NETWORK_KEYS),
 * made-up values for tests that start, or refuse to start, a production configuration for a
 * reason of their own: each new required key is then added here once, not in every such test.
 */
export const PRODUCTION_CARD_KEYS = {
  CARD_KEK: `k1:${'c5'.repeat(32)}`,
  CARD_CVK: '1c'.repeat(8) + '2d'.repeat(8),
  CARD_NETWORK_KEYS: `visa.k1:${'d7'.repeat(32)}`,
} as const;
