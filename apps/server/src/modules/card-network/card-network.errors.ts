import { defineProblems } from '../../shared/problem.js';

/**
 * The card-network module's closed set of refusals (problem+json). A message's business answer is
 * never a problem: it is a 200 with its ISO 8583 response code (response-codes.ts). Problems are
 * for messages that are not the network's (401) or not well formed (400, the validator's).
 */
export const CardNetworkProblem = defineProblems({
  // One answer for every way a signature fails (missing, unknown key, wrong, stale): the caller
  // learns nothing about which keys exist. The audit row says which (card_network.rejected).
  'card-network-unauthenticated': {
    status: 401,
    title: {
      ru: 'Сообщение не подписано ключом платёжной системы или устарело',
      kk: 'Хабарлама төлем жүйесінің кілтімен қол қойылмаған немесе ескірген',
      en: 'The message is not signed with a card network’s key, or it is too old',
    },
  },
  // The simulated network's checkout (dev-checkout.routes.ts), outside production only.
  'card-network-simulator-off': {
    status: 404,
    title: {
      ru: 'Имитатор платёжной системы выключен',
      kk: 'Төлем жүйесінің имитаторы өшірілген',
      en: 'The card network simulator is off',
    },
  },
});
