import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { StoredMessage } from './card-network.types.js';
import type { MessageType, NetworkAnswer } from './message-schemas.js';

/** The SQL of card_network_messages (migration 0033): one row per message answered. */

const COLUMNS = 'network, message_type, rrn, stan, key_id, fingerprint, response_code, response, card_id, operation_id, received_at';

interface MessageRow {
  network: string;
  message_type: MessageType;
  rrn: string;
  stan: string;
  key_id: string;
  fingerprint: string;
  response_code: string;
  response: NetworkAnswer;
  card_id: string | null;
  operation_id: string | null;
  received_at: Date;
}

function toMessage(row: MessageRow): StoredMessage {
  return {
    network: row.network,
    messageType: row.message_type,
    rrn: row.rrn,
    stan: row.stan,
    keyId: row.key_id,
    fingerprint: row.fingerprint,
    response: row.response,
    cardId: row.card_id,
    operationId: row.operation_id,
    receivedAt: row.received_at,
  };
}

/**
 * The messages of one DE37 are decided one transaction at a time (`scope` purchase: its
 * authorisation and its advice, which make the same purchase; then each of reversal and
 * clearing): a retry that arrives while the first is being decided waits here, then finds its
 * stored answer.
 */
export async function lockMessageIdentity(
  tx: Tx,
  network: string,
  scope: 'purchase' | 'reversal' | 'clearing',
  rrn: string,
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`card-network ${network} ${scope} ${rrn}`]);
}

/**
 * The stored answer of a message (null when none) and whether a purchase of its DE37 is recorded
 * (card_authorisations), in one statement: what decideOnce reads under the message's lock.
 */
export async function selectMessageAndPurchase(
  q: Queryable,
  identity: { network: string; messageType: MessageType; rrn: string; stan: string },
): Promise<{ stored: StoredMessage | null; purchaseExists: boolean }> {
  const columns = COLUMNS.split(',')
    .map((column) => `m.${column.trim()}`)
    .join(', ');
  const { rows } = await q.query<MessageRow & { purchase_exists: boolean }>(
    `SELECT ${columns}, EXISTS (SELECT 1 FROM card_authorisations a WHERE a.network = $1 AND a.rrn = $3) AS purchase_exists
       FROM (SELECT 1) AS one
       LEFT JOIN card_network_messages m ON m.network = $1 AND m.message_type = $2 AND m.rrn = $3 AND m.stan = $4`,
    [identity.network, identity.messageType, identity.rrn, identity.stan],
  );
  const row = rows[0];
  assert(row !== undefined, 'the one-row select returns its row');
  return { stored: row.network === null ? null : toMessage(row), purchaseExists: row.purchase_exists };
}

export async function insertMessage(tx: Tx, message: StoredMessage): Promise<void> {
  await tx.query(`INSERT INTO card_network_messages (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
    message.network,
    message.messageType,
    message.rrn,
    message.stan,
    message.keyId,
    message.fingerprint,
    message.response.responseCode,
    JSON.stringify(message.response),
    message.cardId,
    message.operationId,
    message.receivedAt,
  ]);
}
