import type { AppContext } from '../../context.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { selectProviderBySlug, updateProviderEndpoint, upsertCategory } from './catalogue.repo.js';
import { createProvider, sealEndpointSecret } from './catalogue.service.js';
import type { Provider } from './catalogue.types.js';
import { checkCategory, checkProviderDefinition } from './catalogue-rules.js';
import { DEMO_CATEGORIES, DEMO_PROVIDERS } from './demo-catalogue.js';
import {
  DEMO_PROVIDER_BILLERS,
  type DemoProviderSlug,
  demoProviderSecret,
  type ProviderSimulator,
  startProviderSimulator,
} from './simulator/index.js';

/**
 * The demo catalogue on the provider simulator (issue 16): outside production, every start runs
 * the billers on the loopback and points the demo providers at them (their port changes with each
 * start, so the endpoint is rewritten; the providers themselves are written once).
 */
export async function startDemoProviders(ctx: AppContext): Promise<{ simulator: ProviderSimulator; close: () => Promise<void> }> {
  assert(ctx.config.nodeEnv !== 'production', 'the provider simulator never runs in production');
  const simulator = await startProviderSimulator({ host: '127.0.0.1' });
  for (const definition of DEMO_PROVIDERS) {
    assert(isDemoSlug(definition.slug), `demo provider ${definition.slug} has no biller in the simulator`);
    simulator.addProvider(definition.slug, demoProviderSecret(definition.slug), DEMO_PROVIDER_BILLERS[definition.slug]);
  }
  await seedDemoCatalogue(ctx, simulator.url);
  return { simulator, close: () => simulator.close() };
}

function isDemoSlug(slug: string): slug is DemoProviderSlug {
  return Object.hasOwn(DEMO_PROVIDER_BILLERS, slug);
}

/** Writes the categories and providers missing, and points every demo provider at `${url}/${slug}`. */
export async function seedDemoCatalogue(ctx: AppContext, simulatorUrl: string): Promise<void> {
  for (const category of DEMO_CATEGORIES) {
    assert(checkCategory(category).length === 0, `demo category ${category.id} breaks the catalogue's rules`);
    await upsertCategory(ctx.db, category);
  }
  const now = ctx.clock.now();
  for (const definition of DEMO_PROVIDERS) {
    const url = `${simulatorUrl}/${definition.slug}`;
    assert(isDemoSlug(definition.slug), `demo provider ${definition.slug} has no biller in the simulator`);
    const secret = demoProviderSecret(definition.slug);
    const problems = checkProviderDefinition(definition, url);
    assert(problems.length === 0, `demo provider ${definition.slug}: ${problems.map((problem) => problem.pointer).join(', ')}`);
    const existing = await selectProviderBySlug(ctx.db, definition.slug);
    if (existing) {
      await updateProviderEndpoint(ctx.db, existing.id, { url, secretSealed: sealEndpointSecret(ctx.config.keyring, existing.id, secret) });
      continue;
    }
    const provider: Provider = { ...definition, id: newId('prv'), status: 'active', version: 1, createdAt: now, updatedAt: now };
    // Two servers starting at once: the second finds the slug taken and points it at its own simulator next start.
    await ctx.db.transaction((tx) => createProvider(tx, ctx.config.keyring, provider, { url, secret }));
  }
}
