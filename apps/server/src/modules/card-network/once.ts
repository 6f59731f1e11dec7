import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { takeLock } from '../risk/index.js';
import type { NetworkCaller } from './card-network.types.js';
import { ANSWER_MTI, type MessageType, type NetworkAnswer } from './message-schemas.js';
import { insertMessage, lockMessageIdentity, selectMessageAndPurchase } from './messages.repo.js';
import { responseText } from './response-codes.js';

/**
 * Every message is decided once (idempotent by network, kind and DE37): in one transaction the
 * identity is locked, a stored answer is replayed to a retry (the same body) and a different
 * body under the same DE37 is answered 94 without changing anything; otherwise the message is
 * decided and its answer stored with whatever the decision wrote.
 */

export interface Decided {
  answer: NetworkAnswer;
  cardId: string | null;
  operationId: string | null;
  /** Runs after the commit, once (an audit row of its own, never inside the money transaction's locks). */
  afterCommit?: () => Promise<void>;
}

export interface MessageIdentity {
  messageType: MessageType;
  rrn: string;
  stan: string;
  amountMinor: number;
  currency: string;
  maskedPan: string | null;
}

export function answerOf(identity: MessageIdentity, responseCode: string, authorisationCode: string | null = null): NetworkAnswer {
  return {
    mti: ANSWER_MTI[identity.messageType],
    rrn: identity.rrn,
    stan: identity.stan,
    responseCode,
    responseText: responseText(responseCode),
    authorisationCode,
    amountMinor: identity.amountMinor,
    currency: identity.currency,
    maskedPan: identity.maskedPan,
  };
}

function scopeOf(messageType: MessageIdentity['messageType']): 'purchase' | 'reversal' | 'clearing' {
  switch (messageType) {
    case 'authorisation':
    case 'advice':
      return 'purchase';
    case 'reversal':
    case 'clearing':
      return messageType;
  }
}

export async function decideOnce(
  ctx: AppContext,
  caller: NetworkCaller,
  identity: MessageIdentity,
  decide: (tx: Tx, now: Date) => Promise<Decided>,
): Promise<NetworkAnswer> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<Decided> => {
    takeLock(tx, 'idempotency-key');
    const purchase = identity.messageType === 'authorisation' || identity.messageType === 'advice';
    await lockMessageIdentity(tx, caller.network, scopeOf(identity.messageType), identity.rrn);
    const { stored, purchaseExists } = await selectMessageAndPurchase(tx, { network: caller.network, ...identity });
    if (stored) {
      const retry = caller.fingerprintCandidates.includes(stored.fingerprint);
      return { answer: retry ? stored.response : answerOf(identity, '94'), cardId: null, operationId: null };
    }
    // One purchase per DE37: a second authorisation (or the advice of one already decided, when
    // the network stood in after a time-out that was only its own) is a duplicate, changing nothing.
    const duplicate = purchase && purchaseExists;
    const decided = duplicate ? { answer: answerOf(identity, '94'), cardId: null, operationId: null } : await decide(tx, now);
    await insertMessage(tx, {
      network: caller.network,
      messageType: identity.messageType,
      rrn: identity.rrn,
      stan: identity.stan,
      keyId: caller.keyId,
      fingerprint: caller.fingerprint,
      response: decided.answer,
      cardId: decided.cardId,
      operationId: decided.operationId,
      receivedAt: now,
    });
    return decided;
  });
  await outcome.afterCommit?.();
  return outcome.answer;
}
