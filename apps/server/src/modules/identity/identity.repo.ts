import { coalescedByKey } from '../../db/coalesce.js';
import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';

export type AgreementKind = 'emoney' | 'banking';
export type IdentificationLevel = 'none' | 'simplified' | 'full';

export interface Customer {
  id: string;
  fullName: string;
  iin: string;
  phone: string;
  language: Language;
  status: 'active' | 'blocked' | 'closed';
  identificationLevel: IdentificationLevel;
  agreements: AgreementKind[];
}

interface CustomerRow {
  id: string;
  full_name: string;
  iin: string;
  phone: string;
  language: Language;
  status: Customer['status'];
  identification_level: IdentificationLevel;
  agreements: AgreementKind[] | null;
}

const SELECT_CUSTOMER = `
  SELECT c.id, c.full_name, c.iin, c.phone, c.language, c.status, c.identification_level,
         (SELECT array_agg(a.kind ORDER BY a.kind) FROM agreements a WHERE a.customer_id = c.id AND a.status = 'active') AS agreements
  FROM customers c`;

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    fullName: row.full_name,
    iin: row.iin,
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

export async function findCustomerByIin(db: Queryable, iin: string): Promise<Customer | null> {
  const { rows } = await db.query<CustomerRow>(`${SELECT_CUSTOMER} WHERE c.iin = $1 AND c.status <> 'closed'`, [iin]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

export async function passwordHashOf(db: Queryable, customerId: string): Promise<string | null> {
  const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM customers WHERE id = $1', [customerId]);
  return rows[0]?.password_hash ?? null;
}

export async function insertCustomer(
  tx: Tx,
  customer: { id: string; fullName: string; iin: string; phone: string; language: Language; passwordHash: string; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO customers (id, full_name, iin, phone, language, password_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [customer.id, customer.fullName, customer.iin, customer.phone, customer.language, customer.passwordHash, customer.now],
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

export async function updatePasswordHash(tx: Tx, customerId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.query('UPDATE customers SET password_hash = $2, updated_at = $3 WHERE id = $1', [customerId, passwordHash, now]);
}

export async function updateLanguage(db: Queryable, customerId: string, language: Language): Promise<void> {
  await db.query('UPDATE customers SET language = $2, updated_at = now() WHERE id = $1', [customerId, language]);
}
