import type { CardAccessGate } from '../operations/index.js';
import { cardNotFound, ownedOrNull } from './cards.access.js';
import { selectCard } from './cards.repo.js';

/**
 * Whether a card is the customer's, for a route of another module that takes a card id: the
 * history filtered by card (GET /api/v1/operations?cardId=, modules/operations). cards depends on
 * operations, so app.ts hands this to operations' routes (operations CardAccessGate). Anyone
 * else's card, or none, is answered as every card route answers it (SECURITY.md 23): audited, and
 * 404 `card-not-found`.
 */
export const requireOwnCard: CardAccessGate = async (ctx, customerId, cardId, meta) => {
  if (ownedOrNull(await selectCard(ctx.db, cardId), customerId)) return;
  throw await cardNotFound(ctx, customerId, cardId, meta);
};
