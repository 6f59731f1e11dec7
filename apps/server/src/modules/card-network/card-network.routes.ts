import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { assert } from '../../shared/assert.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem } from '../../shared/schemas.js';
import { recordAuditAlone } from '../audit/index.js';
import { acceptAdvice } from './advice.js';
import { authorise } from './authorise.js';
import { CardNetworkProblem } from './card-network.errors.js';
import type { NetworkCaller } from './card-network.types.js';
import { messageFingerprints } from './ids.js';
import { AdviceRequest, AuthorisationRequest, ClearingRequest, NetworkAnswer, ReversalRequest } from './message-schemas.js';
import { clear, reverse } from './settle.js';
import { KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './signature.js';

/**
 * The card network's door (issue 14 item 6; docs/card-network.md): four endpoints a network calls,
 * authenticated by the network's key, not by a customer's session. The body's signature is checked
 * on its raw bytes, in this plugin's own JSON parser, before the body is parsed or validated: a
 * message that is not the network's is answered 401, audited, and writes nothing else. Every
 * answer of a signed message is a 200 with its ISO 8583 response code, as a network expects; a
 * malformed one is a 400 problem.
 */

/** A message is a few hundred bytes; four KiB leaves room and no more. */
const NETWORK_BODY_BYTES_MAX = 4096;

const NetworkHeaders = Type.Object({
  [KEY_ID_HEADER]: Type.String({ description: 'The network key that signed the message (CARD_NETWORK_KEYS id)' }),
  [TIMESTAMP_HEADER]: Type.String({ description: 'Unix seconds when it was signed; within the replay window of the bank’s clock' }),
  [SIGNATURE_HEADER]: Type.String({ description: 'hex HMAC-SHA256, docs/card-network.md "Signing"' }),
});

const callers = new WeakMap<FastifyRequest, NetworkCaller>();

function callerOf(request: FastifyRequest): NetworkCaller {
  const caller = callers.get(request);
  assert(caller, 'a network route runs only after its body was verified');
  return caller;
}

/** The raw-body parser: the signature, then JSON. A failure is audited on its own and answered 401. */
function registerSignedJson(app: TypedApp, ctx: AppContext): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: NETWORK_BODY_BYTES_MAX },
    async (request: FastifyRequest, body: Buffer) => {
      const { keys, replayWindowSeconds } = ctx.config.cardNetwork;
      const verified = verifySignature(
        keys,
        { headers: request.headers, method: request.method, path: request.url, body },
        ctx.clock.now().getTime(),
        replayWindowSeconds,
      );
      if (!verified.ok) {
        await recordAuditAlone(ctx.db, {
          event: 'card_network.rejected',
          meta: requestMeta(request),
          details: { failure: verified.failure, keyId: verified.keyId, path: request.url.slice(0, 100) },
          occurredAt: ctx.clock.now(),
        });
        throw new ProblemError(CardNetworkProblem['card-network-unauthenticated']);
      }
      const fingerprints = messageFingerprints(ctx.config.keyring, verified.key.network, body);
      callers.set(request, {
        network: verified.key.network,
        keyId: verified.key.id,
        fingerprint: fingerprints.current,
        fingerprintCandidates: fingerprints.candidates,
      });
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        throw new ProblemError(CommonProblem['malformed-request']);
      }
    },
  );
}

const ANSWERS = { 200: NetworkAnswer, 400: Problem, 401: Problem, 413: Problem, 415: Problem };

export async function cardNetworkRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  registerSignedJson(app, ctx);
  const route = { bodyLimit: NETWORK_BODY_BYTES_MAX };

  app.post(
    '/api/network/v1/authorisation',
    {
      ...route,
      schema: {
        tags: ['card-network'],
        summary: 'Authorisation request (MTI 0100 → 0110): the issuer approves with a hold and DE38, or declines with DE39',
        headers: NetworkHeaders,
        body: AuthorisationRequest,
        response: ANSWERS,
      },
    },
    async (request) => authorise(ctx, callerOf(request), request.body),
  );

  app.post(
    '/api/network/v1/advice',
    {
      ...route,
      schema: {
        tags: ['card-network'],
        summary: 'Authorisation advice (0120 → 0130): a decision the network took for the issuer (stand-in), recorded',
        headers: NetworkHeaders,
        body: AdviceRequest,
        response: ANSWERS,
      },
    },
    async (request) => acceptAdvice(ctx, callerOf(request), request.body),
  );

  app.post(
    '/api/network/v1/reversal',
    {
      ...route,
      schema: {
        tags: ['card-network'],
        summary: 'Reversal (0400 → 0410): the authorisation of DE37 did not go ahead; its hold is released',
        headers: NetworkHeaders,
        body: ReversalRequest,
        response: ANSWERS,
      },
    },
    async (request) => reverse(ctx, callerOf(request), request.body),
  );

  app.post(
    '/api/network/v1/clearing',
    {
      ...route,
      schema: {
        tags: ['card-network'],
        summary: 'Clearing (0220 → 0230): the purchase of DE37 is presented; its hold is posted for DE4, at most the amount held',
        headers: NetworkHeaders,
        body: ClearingRequest,
        response: ANSWERS,
      },
    },
    async (request) => clear(ctx, callerOf(request), request.body),
  );
}
