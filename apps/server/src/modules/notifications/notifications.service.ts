import type { SmsSuppressionReason } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { type Keyring, SealedValueError } from '../../shared/keyring.js';
import { insertOutboxMessage, newOutboxId } from './outbox.repo.js';
import { type DeliveryHandler, SuppressedError, UndeliverableError } from './outbox.worker.js';
import { isPreKeyringSealedText, openSmsText, sealSmsText } from './sealed-text.js';
import type { SmsSender } from './sms.js';

/** The purpose of every SMS that carries a one-time code (sca's issueCode and resendCode). */
const CODE_PURPOSE_PREFIX = 'code:';

/**
 * Queues an SMS in the caller's transaction. The text is final here (already in the customer's
 * language) so a retry sends exactly what the customer would have got the first time.
 * For notices only: a text with a one-time code goes through queueCodeSms, sealed.
 */
export async function queueSms(tx: Tx, message: { to: string; text: string; purpose: string }): Promise<string> {
  assert(!message.purpose.startsWith(CODE_PURPOSE_PREFIX), 'an SMS with a one-time code is queued sealed, by queueCodeSms');
  return insertOutboxMessage(tx, 'sms', message);
}

/**
 * Queues an SMS that carries a one-time code. SECURITY.md 35: the text is kept only sealed
 * (sealed-text.ts), is opened by the worker at send time, and is erased once the message is
 * delivered or dead (outbox.repo.ts), so the database never holds a live code in plaintext.
 */
export async function queueCodeSms(tx: Tx, keyring: Keyring, message: { to: string; text: string; purpose: string }): Promise<string> {
  assert(message.purpose.startsWith(CODE_PURPOSE_PREFIX), `a code SMS has a purpose starting with ${CODE_PURPOSE_PREFIX}`);
  const id = newOutboxId();
  const sealedText = sealSmsText(keyring, id, message.to, message.text);
  return insertOutboxMessage(tx, 'sms', { to: message.to, purpose: message.purpose, sealedText }, id);
}

/** Why no SMS may go to a number now (context.ts CustomerBlockPort smsSuppression), or null. */
export type SmsSuppressionCheck = (phone: string) => Promise<SmsSuppressionReason | null>;

/**
 * The outbox handler of the sms channel. A sealed text is opened here, in memory, just before it
 * goes to the gateway, under whichever key of the ring sealed it; an erased one (its message
 * delivered or dead already) cannot be sent again. A sealed text that does not open never will
 * (altered, moved to another message, or under a key removed from the ring): it goes dead at once,
 * and its text is erased with it (outbox.repo.ts).
 *
 * Issue 13 item 4: nothing goes to the number of a customer under an emergency block. It is asked
 * here, at send time, rather than when the message is queued: a notice queued a moment before the
 * block landed is stopped too, and every SMS passes here whoever queued it (a module added later
 * is covered without knowing of blocks). Asked before the sealed text is opened, so a held
 * number's code is never even read.
 */
export function smsDeliveryHandler(sms: SmsSender, keyring: Keyring, suppression: SmsSuppressionCheck): DeliveryHandler {
  return async (payload, message) => {
    const to = String(payload.to);
    const suppressed = await suppression(to);
    if (suppressed) throw new SuppressedError(suppressed);
    let text: string;
    if (typeof payload.sealedText === 'string') text = openSealed(keyring, message.id, to, payload.sealedText);
    else if (isPreKeyringSealedText(payload.sealedText))
      throw new UndeliverableError('the SMS text is sealed in the format before the keyring');
    else if (typeof payload.text === 'string') text = payload.text;
    else throw new Error('the SMS text was erased: nothing to send');
    // The SMSC's message ids (SMPP), if any, go back to the worker, which stores them with the row.
    return (await sms.send({ to, text })) ?? undefined;
  };
}

function openSealed(keyring: Keyring, outboxId: string, to: string, sealed: string): string {
  try {
    return openSmsText(keyring, outboxId, to, sealed);
  } catch (error) {
    if (error instanceof SealedValueError)
      throw new UndeliverableError(`the sealed SMS text does not open (${error.reason}): ${error.message}`);
    throw error;
  }
}
