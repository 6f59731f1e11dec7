import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';
import type { Provider, ProviderMode, ProviderStatus, ServiceCategory } from './catalogue.types.js';
import { amountRuleFromJson, amountRuleToJson, feeRuleFromJson, feeRuleToJson, fieldsFromJson, fieldsToJson } from './catalogue-rules.js';

/** The SQL of the catalogue's tables (migration 0047): categories and providers, one column list each. */

const CATEGORY_COLUMNS = 'id, name_ru, name_kk, name_en, icon, position';

interface CategoryRow {
  id: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
  icon: string;
  position: number;
}

function toCategory(row: CategoryRow): ServiceCategory {
  return { id: row.id, name: { ru: row.name_ru, kk: row.name_kk, en: row.name_en }, icon: row.icon, position: row.position };
}

export async function selectCategories(q: Queryable): Promise<ServiceCategory[]> {
  const { rows } = await q.query<CategoryRow>(`SELECT ${CATEGORY_COLUMNS} FROM service_categories ORDER BY position, id`);
  return rows.map(toCategory);
}

/** Inserts the category or leaves an existing one alone (the demo seeder runs at every start). */
export async function upsertCategory(q: Queryable, category: ServiceCategory): Promise<void> {
  await q.query(`INSERT INTO service_categories (${CATEGORY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`, [
    category.id,
    category.name.ru,
    category.name.kk,
    category.name.en,
    category.icon,
    category.position,
  ]);
}

const PROVIDER_COLUMNS = `id, slug, category_id, name_ru, name_kk, name_en, keywords, logo_text, logo_color, legal_name, bin,
  settlement_iban, mode, fields, amount_rule, fee_rule, currency, status, position, version, created_at, updated_at`;

interface ProviderRow {
  id: string;
  slug: string;
  category_id: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
  keywords: string;
  logo_text: string;
  logo_color: string;
  legal_name: string;
  bin: string;
  settlement_iban: string;
  mode: ProviderMode;
  fields: unknown;
  amount_rule: unknown;
  fee_rule: unknown;
  currency: Currency;
  status: ProviderStatus;
  position: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    slug: row.slug,
    categoryId: row.category_id,
    name: { ru: row.name_ru, kk: row.name_kk, en: row.name_en },
    keywords: row.keywords,
    logo: { text: row.logo_text, color: row.logo_color },
    legalName: row.legal_name,
    bin: row.bin,
    settlementIban: row.settlement_iban,
    mode: row.mode,
    fields: fieldsFromJson(row.fields),
    amountRule: amountRuleFromJson(row.amount_rule),
    feeRule: feeRuleFromJson(row.fee_rule),
    currency: row.currency,
    status: row.status,
    position: row.position,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function selectProviders(q: Queryable, filter: { activeOnly: boolean }): Promise<Provider[]> {
  const { rows } = await q.query<ProviderRow>(
    `SELECT ${PROVIDER_COLUMNS} FROM service_providers WHERE NOT $1::boolean OR status = 'active' ORDER BY category_id, position, id`,
    [filter.activeOnly],
  );
  return rows.map(toProvider);
}

export async function selectProvider(q: Queryable, providerId: string): Promise<Provider | null> {
  const { rows } = await q.query<ProviderRow>(`SELECT ${PROVIDER_COLUMNS} FROM service_providers WHERE id = $1`, [providerId]);
  return rows[0] ? toProvider(rows[0]) : null;
}

export async function selectProviderBySlug(q: Queryable, slug: string): Promise<Provider | null> {
  const { rows } = await q.query<ProviderRow>(`SELECT ${PROVIDER_COLUMNS} FROM service_providers WHERE slug = $1`, [slug]);
  return rows[0] ? toProvider(rows[0]) : null;
}

/** The provider locked for a change (staff edits, maker-checker): its row as it is now. */
export async function lockProvider(tx: Tx, providerId: string): Promise<Provider | null> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<ProviderRow>(`SELECT ${PROVIDER_COLUMNS} FROM service_providers WHERE id = $1 FOR UPDATE`, [providerId]);
  return rows[0] ? toProvider(rows[0]) : null;
}

/** Where and how the bank reaches the provider: read only by the code that calls it. */
export async function selectProviderEndpoint(q: Queryable, providerId: string): Promise<{ url: string; secretSealed: string } | null> {
  const { rows } = await q.query<{ endpoint_url: string; endpoint_secret_sealed: string }>(
    'SELECT endpoint_url, endpoint_secret_sealed FROM service_providers WHERE id = $1',
    [providerId],
  );
  return rows[0] ? { url: rows[0].endpoint_url, secretSealed: rows[0].endpoint_secret_sealed } : null;
}

function providerValues(provider: Provider): unknown[] {
  return [
    provider.id,
    provider.slug,
    provider.categoryId,
    provider.name.ru,
    provider.name.kk,
    provider.name.en,
    provider.keywords,
    provider.logo.text,
    provider.logo.color,
    provider.legalName,
    provider.bin,
    provider.settlementIban,
    provider.mode,
    JSON.stringify(fieldsToJson(provider.fields)),
    JSON.stringify(amountRuleToJson(provider.amountRule)),
    JSON.stringify(feeRuleToJson(provider.feeRule)),
    provider.currency,
    provider.status,
    provider.position,
    provider.version,
    provider.createdAt,
    provider.updatedAt,
  ];
}

/** False when the slug is taken (nothing is written then). */
export async function insertProvider(q: Queryable, provider: Provider, endpoint: { url: string; secretSealed: string }): Promise<boolean> {
  const values = providerValues(provider);
  const { rowCount } = await q.query(
    `INSERT INTO service_providers (${PROVIDER_COLUMNS}, endpoint_url, endpoint_secret_sealed)
     VALUES (${values.map((_, index) => `$${index + 1}`).join(', ')}, $${values.length + 1}, $${values.length + 2})
     ON CONFLICT (slug) DO NOTHING`,
    [...values, endpoint.url, endpoint.secretSealed],
  );
  return rowCount === 1;
}

/**
 * Writes a changed provider over the version it was read at: false when someone changed it in
 * between (the caller answers 409), so no edit is made on a stale copy.
 */
export async function updateProvider(tx: Tx, provider: Provider, readVersion: number): Promise<boolean> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  assert(provider.version === readVersion + 1, 'a change writes the next version');
  const values = providerValues(provider);
  const columns = PROVIDER_COLUMNS.split(',').map((column) => column.trim());
  const assignments = columns.map((column, index) => `${column} = $${index + 1}`).filter((_, index) => columns[index] !== 'id');
  const { rowCount } = await tx.query(
    `UPDATE service_providers SET ${assignments.join(', ')} WHERE id = $1 AND version = $${values.length + 1}`,
    [...values, readVersion],
  );
  return rowCount === 1;
}

/** The endpoint a provider is reached at (the demo seeder points its providers at this start's simulator). */
export async function updateProviderEndpoint(
  q: Queryable,
  providerId: string,
  endpoint: { url: string; secretSealed: string },
): Promise<void> {
  await q.query('UPDATE service_providers SET endpoint_url = $2, endpoint_secret_sealed = $3 WHERE id = $1', [
    providerId,
    endpoint.url,
    endpoint.secretSealed,
  ]);
}
