/**
 * Delivery receipts (SMPP 3.4 appendix B): a deliver_sm whose esm_class says "SMSC delivery
 * receipt" carries `id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm
 * stat:DDDDDDD err:E text:...` in short_message; `id` is the message_id of the submit_sm_resp.
 */
export const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
const ESM_CLASS_TYPE_MASK = 0x3c;

/** The final states of appendix B; ENROUTE, ACCEPTD and UNKNOWN are not final and change nothing. */
export type ReceiptOutcome = 'delivered' | 'failed';
const OUTCOME_OF_STAT: Readonly<Record<string, ReceiptOutcome>> = {
  DELIVRD: 'delivered',
  UNDELIV: 'failed',
  EXPIRED: 'failed',
  REJECTD: 'failed',
  DELETED: 'failed',
};

export interface DeliveryReceipt {
  messageId: string;
  stat: string;
  outcome: ReceiptOutcome | null;
}

/** A receipt that ends the message: the one the outbox records. */
export interface FinalReceipt extends DeliveryReceipt {
  outcome: ReceiptOutcome;
}

export function isDeliveryReceipt(esmClass: number | undefined): boolean {
  return ((esmClass ?? 0) & ESM_CLASS_TYPE_MASK) === ESM_CLASS_DELIVERY_RECEIPT;
}

/** Null when the text is not a receipt (no id or no stat). */
export function parseDeliveryReceipt(text: string): DeliveryReceipt | null {
  const id = /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const stat = /(?:^|\s)stat:(\S+)/i.exec(text)?.[1]?.toUpperCase();
  if (!id || !stat) return null;
  return { messageId: id, stat, outcome: OUTCOME_OF_STAT[stat] ?? null };
}

/** The receipt text a simulator or a test sends for a message id. */
export function formatDeliveryReceipt(messageId: string, stat: 'DELIVRD' | 'UNDELIV', at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(2, 12);
  const delivered = stat === 'DELIVRD' ? '001' : '000';
  return `id:${messageId} sub:001 dlvrd:${delivered} submit date:${stamp} done date:${stamp} stat:${stat} err:000 text:`;
}
