import type { Config } from '../../config.js';
import type { CardNetworkPort, OutboundAnswer } from './card-network.types.js';
import { SimulatedCardNetwork } from './simulated-network.js';

/** CARD_NETWORK_OUTBOUND=none (production until the real adapter lands): every message is refused, 91. */
class NoCardNetwork implements CardNetworkPort {
  readonly name = 'none' as const;

  async send(): Promise<OutboundAnswer> {
    return { responseCode: '91', authorisationCode: null };
  }
}

export function createCardNetworkPort(config: Pick<Config, 'cardNetwork'>): CardNetworkPort {
  switch (config.cardNetwork.outbound) {
    case 'simulated':
      return new SimulatedCardNetwork(config.cardNetwork.keys.all[0] ?? null);
    case 'none':
      return new NoCardNetwork();
  }
}

// The port rides on the app's context, as approvals' executors do (context.ts names no module).
declare module '../../context.js' {
  interface AppContext {
    /** The card network, outbound (modules/card-network): the test double outside production. */
    cardNetwork: CardNetworkPort;
  }
}
