/**
 * The number a customer reads out to the contact center and finds on the receipt: the first 48
 * bits of an operation id's random part in three groups of four ("op_7f3a91c204bd…" →
 * "7F3A-91C2-04BD"). No internal prefix on screen (issue 12), short enough to dictate, and a
 * prefix of the id, so staff find the operation by it; two operations of one customer share
 * one only after some 16 million of them.
 */
export function formatOperationReference(id: string): string {
  const random = id
    .slice(id.indexOf('_') + 1)
    .slice(0, 12)
    .toUpperCase();
  return random.match(/.{1,4}/g)?.join('-') ?? random;
}
