import type { Logger } from 'pino';
import type { Config } from '../../../config.js';
import { HttpProviderPort } from './provider-http.js';
import type { ProviderPort } from './provider-port.js';

/** The port of this app: HTTP to each provider's endpoint, https-only to public addresses in production. */
export function createProviderPort(config: Pick<Config, 'paymentProviders' | 'nodeEnv'>, log: Logger): ProviderPort {
  return new HttpProviderPort({
    timeoutMs: config.paymentProviders.timeoutMs,
    production: config.nodeEnv === 'production',
    log: log.child({ component: 'payment-providers' }),
  });
}
