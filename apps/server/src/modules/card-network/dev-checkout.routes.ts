import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { ProblemError } from '../../shared/problem.js';
import { Problem, strict } from '../../shared/schemas.js';
import { CardNetworkProblem } from './card-network.errors.js';
import { NetworkAnswer } from './message-schemas.js';
import { SimulatedCardNetwork } from './simulated-network.js';

/**
 * The demo's checkout (outside production, with CARD_NETWORK_OUTBOUND=simulated only): a test
 * merchant's payment page posts the card's details here as a shop's page would, and the simulated
 * network signs the authorisation and sends it to the bank's own network endpoint, so a demo
 * purchase takes the real path, signature and all. Never registered in production (app.ts), and
 * refused whenever the outbound network is not the simulator.
 */
export async function devCheckoutRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.post(
    '/api/v1/dev/card-network/checkout',
    {
      schema: {
        tags: ['card-network'],
        summary: 'Development only: a purchase at the simulated network’s test shop with the card details typed in',
        body: Type.Object(
          {
            pan: Type.String({ pattern: '^[0-9]{12,19}$' }),
            expiry: Type.String({ pattern: '^[0-9]{2}(0[1-9]|1[0-2])$', description: 'YYMM' }),
            cvc2: Type.String({ pattern: '^[0-9]{3}$' }),
            amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
            merchantName: Type.Optional(Type.String({ pattern: '^[\\x20-\\x7E]{1,25}$' })),
          },
          strict,
        ),
        response: { 200: NetworkAnswer, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const network = ctx.cardNetwork;
      if (!(network instanceof SimulatedCardNetwork)) throw new ProblemError(CardNetworkProblem['card-network-simulator-off']);
      const { pan, expiry, cvc2, amountMinor, merchantName } = request.body;
      const message = network.purchase(pan, amountMinor, { expiry, cvc2, ...(merchantName ? { merchantName } : {}) }, ctx.clock.now());
      const signed = network.sign('authorisation', message, ctx.clock.now().getTime());
      const answer = await app.inject({ method: signed.method, url: signed.url, headers: signed.headers, payload: signed.payload });
      // The simulator signs its own well-formed message: anything but a 200 is a bug in it.
      if (answer.statusCode !== 200) throw new Error(`the simulated network's message was refused: ${answer.statusCode}`);
      return answer.json<NetworkAnswer>();
    },
  );
}
