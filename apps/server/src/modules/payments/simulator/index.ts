/**
 * payments/simulator: billers on the loopback for the tests and the demo (docs/payments-providers.md,
 * "The simulator"). The demo catalogue points each provider of DEMO_PROVIDER_SLUGS at
 * `${simulator.url}/${slug}` with demoProviderSecret(slug) as its secret.
 */
export { utilityLines } from './billers.js';
export {
  DEMO_PROVIDER_BILLERS,
  DEMO_PROVIDER_SLUGS,
  type DemoProviderSlug,
  demoProviderSecret,
  type ProviderSimulator,
  startProviderSimulator,
} from './simulator.js';
