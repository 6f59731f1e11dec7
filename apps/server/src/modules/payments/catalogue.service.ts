import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import type { Keyring } from '../../shared/keyring.js';
import { ensureProviderAccount, ensureSystemAccounts } from '../ledger/index.js';
import { insertProvider, selectCategories, selectProviderEndpoint, selectProviders } from './catalogue.repo.js';
import type { Provider, ProviderEndpoint, ServiceCategory } from './catalogue.types.js';

/** The keyring purpose of providers' sealed endpoint secrets: part of every sealed value, so never changed. */
const ENDPOINT_SECRET_PURPOSE = 'payments:provider-endpoint';

/** What the customer's catalogue shows: the categories and the active providers, in their order. */
export async function activeCatalogue(q: Queryable): Promise<{ categories: ServiceCategory[]; providers: Provider[] }> {
  const [categories, providers] = await Promise.all([selectCategories(q), selectProviders(q, { activeOnly: true })]);
  return { categories, providers };
}

export function sealEndpointSecret(keyring: Keyring, providerId: string, secret: string): string {
  return keyring.seal(ENDPOINT_SECRET_PURPOSE, secret, providerId);
}

/** How to reach the provider, its secret opened for the one call; null for an unknown provider. */
export async function providerEndpoint(ctx: AppContext, providerId: string): Promise<ProviderEndpoint | null> {
  const stored = await selectProviderEndpoint(ctx.db, providerId);
  if (!stored) return null;
  return { providerId, url: stored.url, secret: ctx.config.keyring.open(ENDPOINT_SECRET_PURPOSE, stored.secretSealed, providerId) };
}

/**
 * Writes a new provider (already checked by catalogue-rules.ts) with its settlement account, in
 * the caller's transaction: the account exists before the first payment, so paying reads nothing
 * more for it. False when the slug is taken.
 */
export async function createProvider(
  tx: Tx,
  keyring: Keyring,
  provider: Provider,
  endpoint: { url: string; secret: string },
): Promise<boolean> {
  const written = await insertProvider(tx, provider, {
    url: endpoint.url,
    secretSealed: sealEndpointSecret(keyring, provider.id, endpoint.secret),
  });
  if (!written) return false;
  await ensureProviderAccount(tx, { providerId: provider.id, currency: provider.currency, displayName: provider.name.ru });
  // The fee account payments credit by its id (payment-kind.ts): it exists before the first payment too.
  await ensureSystemAccounts(tx);
  return true;
}
