import { coalescedByKey } from '../../db/coalesce.js';
import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';

export type AgreementKind = 'emoney' | 'banking';
export type IdentificationLevel = 'none' | 'simplified' | 'full';

export interface Customer {
  id: string;
  fullName: string;
  // No IIN here: it is sealed at rest (migration 0012) and opened only where it is shown
  // (iin-at-rest.ts revealIin); comparing one goes through its keyed hash (customerIinMatches).
  phone: string;
  language: Language;
  status: 'active' | 'blocked' | 'closed';
  identificationLevel: IdentificationLevel;
  agreements: AgreementKind[];
}

interface CustomerRow {
  id: string;
  full_name: string;
  phone: string;
  language: Language;
  status: Customer['status'];
  identification_level: IdentificationLevel;
  agreements: AgreementKind[] | null;
}

const SELECT_CUSTOMER = `
  SELECT c.id, c.full_name, c.phone, c.language, c.status, c.identification_level,
         (SELECT array_agg(a.kind ORDER BY a.kind) FROM agreements a WHERE a.customer_id = c.id AND a.status = 'active') AS agreements
  FROM customers c`;

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    fullName: row.full_name,
    phone: row.phone,
    language: row.language,
    status: row.status,
    identificationLevel: row.identification_level,
    agreements: row.agreements ?? [],
  };
}

// Every authenticated request reads its customer: concurrent reads share a statement (db/coalesce.ts).
const readCustomersById = coalescedByKey(async (db: Queryable, ids: string[]) => {
  const { rows } = await db.query<CustomerRow>(`${SELECT_CUSTOMER} WHERE c.id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id, toCustomer(row)]));
});

export async function findCustomerById(db: Queryable, id: string): Promise<Customer | null> {
  return (await readCustomersById(db, id)) ?? null;
}

/** The customer holding this phone, unless closed (one active customer per phone). */
export async function findCustomerByPhone(db: Queryable, phone: string): Promise<Customer | null> {
  const { rows } = await db.query<CustomerRow>(`${SELECT_CUSTOMER} WHERE c.phone = $1 AND c.status <> 'closed'`, [phone]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

/** The active customer whose IIN has one of these keyed hashes (one per key of the ring). */
export async function findCustomerByIinHashes(db: Queryable, iinHashes: string[]): Promise<Customer | null> {
  const { rows } = await db.query<CustomerRow>(`${SELECT_CUSTOMER} WHERE c.iin_hash = ANY($1::text[]) AND c.status <> 'closed'`, [
    iinHashes,
  ]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

/**
 * Active customers with this full name, letter case aside, at most `limit` (by id): the contact
 * center's look-up by name (modules/calls), which needs to know only whether there is one or
 * several. No index serves it: it is a staff member's rare look-up, not a customer's hot path.
 */
export async function findCustomersByFullName(db: Queryable, fullName: string, limit: number): Promise<Customer[]> {
  const { rows } = await db.query<CustomerRow>(
    `${SELECT_CUSTOMER} WHERE lower(c.full_name) = lower($1) AND c.status <> 'closed' ORDER BY c.id LIMIT $2`,
    [fullName, limit],
  );
  return rows.map(toCustomer);
}

export async function customerHasIinHash(db: Queryable, customerId: string, iinHashes: string[]): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM customers WHERE id = $1 AND iin_hash = ANY($2::text[])', [customerId, iinHashes]);
  return rows.length > 0;
}

export async function sealedIinOf(db: Queryable, customerId: string): Promise<string | null> {
  const { rows } = await db.query<{ iin_sealed: string | null }>('SELECT iin_sealed FROM customers WHERE id = $1', [customerId]);
  return rows[0]?.iin_sealed ?? null;
}

export interface SealedIin {
  iinSealed: string;
  iinHash: string;
}

export interface IinToRewrite {
  customerId: string;
  /** Set on rows from before migration 0012 not sealed yet. */
  iin: string | null;
  iinSealed: string | null;
}

/**
 * Serialises the IIN rewrites of every server for this transaction (iin-at-rest.ts rewriteIins):
 * a server that sees no row left to seal then knows that none is left.
 */
export async function holdIinRewriteLock(tx: Tx, lockId: bigint): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [lockId]);
}

/**
 * Locks up to `limit` customers whose IIN is still in plaintext, or (with `currentPrefix`) sealed
 * under another key than the one whose sealed values start with that prefix. By id, so concurrent
 * batches lock in one order.
 */
export async function lockIinsToRewrite(tx: Tx, currentPrefix: string | null, limit: number): Promise<IinToRewrite[]> {
  const { rows } = await tx.query<{ id: string; iin: string | null; iin_sealed: string | null }>(
    `SELECT id, iin, iin_sealed FROM customers
     WHERE iin IS NOT NULL OR ($1::text IS NOT NULL AND NOT starts_with(iin_sealed, $1::text))
     ORDER BY id LIMIT $2 FOR UPDATE`,
    [currentPrefix, limit],
  );
  return rows.map((row) => ({ customerId: row.id, iin: row.iin, iinSealed: row.iin_sealed }));
}

/**
 * One sealed IIN per key id in use (the first customer by that key id), by a loose walk over
 * customers_iin_key_id: one index probe per key id, not a scan of the table.
 */
export async function sealedIinPerKeyId(db: Queryable): Promise<Array<{ keyId: string; customerId: string; iinSealed: string }>> {
  const { rows } = await db.query<{ key_id: string; id: string; iin_sealed: string }>(
    `WITH RECURSIVE samples AS (
       (SELECT split_part(iin_sealed, '.', 2) AS key_id, id, iin_sealed FROM customers
        WHERE iin_sealed IS NOT NULL ORDER BY split_part(iin_sealed, '.', 2) LIMIT 1)
       UNION ALL
       SELECT next.key_id, next.id, next.iin_sealed FROM samples s
       CROSS JOIN LATERAL (
         SELECT split_part(c.iin_sealed, '.', 2) AS key_id, c.id, c.iin_sealed FROM customers c
         WHERE c.iin_sealed IS NOT NULL AND split_part(c.iin_sealed, '.', 2) > s.key_id
         ORDER BY split_part(c.iin_sealed, '.', 2) LIMIT 1
       ) next
     )
     SELECT key_id, id, iin_sealed FROM samples`,
  );
  return rows.map((row) => ({ keyId: row.key_id, customerId: row.id, iinSealed: row.iin_sealed }));
}

/** Writes the sealed form and its hash together (customers_iin_sealed_with_hash) and clears the plaintext. */
export async function updateSealedIins(tx: Tx, updates: Array<{ customerId: string } & SealedIin>): Promise<void> {
  if (updates.length === 0) return;
  await tx.query(
    `UPDATE customers c SET iin = NULL, iin_sealed = u.iin_sealed, iin_hash = u.iin_hash
     FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, iin_sealed, iin_hash) WHERE c.id = u.id`,
    [updates.map((update) => update.customerId), updates.map((update) => update.iinSealed), updates.map((update) => update.iinHash)],
  );
}

// The customer's password is auth's (auth_passwords, migration 0014): identity never reads it.
export async function insertCustomer(
  tx: Tx,
  customer: { id: string; fullName: string; iin: SealedIin; phone: string; language: Language; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO customers (id, full_name, iin_sealed, iin_hash, phone, language, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [customer.id, customer.fullName, customer.iin.iinSealed, customer.iin.iinHash, customer.phone, customer.language, customer.now],
  );
}

export interface AgreementRecord {
  kind: AgreementKind;
  number: string;
  signedAt: Date;
}

/** The customer's active agreements, oldest first: what the profile lists with links to their texts. */
export async function listActiveAgreements(db: Queryable, customerId: string): Promise<AgreementRecord[]> {
  const { rows } = await db.query<{ kind: AgreementKind; number: string; signed_at: Date }>(
    `SELECT kind, number, signed_at FROM agreements WHERE customer_id = $1 AND status = 'active' ORDER BY signed_at, kind`,
    [customerId],
  );
  return rows.map((row) => ({ kind: row.kind, number: row.number, signedAt: new Date(row.signed_at) }));
}

/** The language of the customer's SMS and in-app notices; the previous one, or null for no such customer. */
export async function updateCustomerLanguage(tx: Tx, customerId: string, language: Language, now: Date): Promise<Language | null> {
  const { rows } = await tx.query<{ previous: Language }>(
    `UPDATE customers c SET language = $2, updated_at = $3
     FROM (SELECT id, language AS previous FROM customers WHERE id = $1 FOR UPDATE) old
     WHERE c.id = old.id RETURNING old.previous`,
    [customerId, language, now],
  );
  return rows[0]?.previous ?? null;
}

/** Records that the customer accepted `document` in `version` (once: accepting it again changes nothing). */
export async function insertConsent(
  tx: Tx,
  consent: { customerId: string; document: 'emoney' | 'banking' | 'personal-data'; version: string; now: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO consents (customer_id, document, version, accepted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id, document, version) DO NOTHING',
    [consent.customerId, consent.document, consent.version, consent.now],
  );
}

export async function insertAgreement(
  tx: Tx,
  agreement: { id: string; customerId: string; kind: AgreementKind; number: string; now: Date },
): Promise<void> {
  await tx.query('INSERT INTO agreements (id, customer_id, kind, number, signed_at) VALUES ($1, $2, $3, $4, $5)', [
    agreement.id,
    agreement.customerId,
    agreement.kind,
    agreement.number,
    agreement.now,
  ]);
}

/**
 * Active customers after `afterId` in id order, `limit` at most: a job that walks every customer in
 * batches (the daily digest, notifications/digest/) goes on from the last id it saw.
 */
export async function listActiveCustomersAfter(
  db: Queryable,
  afterId: string,
  limit: number,
): Promise<Array<{ id: string; phone: string; language: Language }>> {
  const { rows } = await db.query<{ id: string; phone: string; language: Language }>(
    `SELECT id, phone, language FROM customers WHERE id > $1 AND status = 'active' ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return rows;
}
