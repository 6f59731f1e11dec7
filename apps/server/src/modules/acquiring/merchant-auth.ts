import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../../context.js';
import { enforceRateLimit } from '../../http/rate-limit.js';
import { ProblemError } from '../../shared/problem.js';
import { ipCountingKey, requestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { AcquiringProblem } from './acquiring.errors.js';
import { findApiKeyByHash, findMerchant, touchApiKey } from './acquiring.repo.js';
import { API_KEY_PATTERN, keyHashCandidates, keyHashMatches, keyPrefixOf } from './api-keys.js';
import { type ApiKeyMode, modeEnabled } from './merchants.types.js';

/** The merchant a payment API request acts for, set by requireMerchantKey. */
export interface MerchantPrincipal {
  merchantId: string;
  keyId: string;
  /** test: the sandbox, no money moves; live: real payments. */
  mode: ApiKeyMode;
}

/** Why a bearer key was refused: the audit log's details.failure; the caller sees one 401 for all. */
export type MerchantKeyFailure = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'merchant-suspended' | 'mode-disabled' | 'mode-refused';

// "Last used" is written at most this often per key, so a busy integration is not a write per request.
export const KEY_LAST_USED_INTERVAL_MS = 60_000;

// RFC 6750 §3: a 401 to a bearer-token request names the scheme.
const CHALLENGE = { 'www-authenticate': 'Bearer realm="kassa-payments"' };
const BEARER = /^Bearer ([^\s]+)$/;

const principals = new WeakMap<FastifyRequest, MerchantPrincipal>();

/**
 * preHandler factory for the payment API (issue 15 item 2): `Authorization: Bearer sk_…` with an
 * active key of an active merchant whose mode is on, and of a mode the route takes (`modes`: a
 * route that moves real money takes live keys only). Otherwise 401 problem+json, the same for
 * every reason, and an audit row that says which (SECURITY.md 31). The key is found by its keyed
 * hash and then compared in constant time (keyring.verifyHmac); its text is never logged (the
 * logger redacts the Authorization header) nor written anywhere but as that hash.
 */
export function requireMerchantKey(
  ctx: AppContext,
  options: { modes: readonly ApiKeyMode[] } = { modes: ['test', 'live'] },
): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const outcome = await authenticate(ctx, request.headers.authorization, options.modes);
    if ('failure' in outcome) {
      // Counted per IP before it is audited: past the limit a 429, and the flood writes nothing.
      await enforceRateLimit(ctx, request, {
        routeClass: 'merchant-key',
        scope: 'ip',
        subject: ipCountingKey(request.ip),
        customerId: null,
      });
      await recordAuditAlone(ctx.db, {
        event: 'merchant.api_key_rejected',
        meta: requestMeta(request),
        details: { failure: outcome.failure, ...outcome.known, url: request.url.split('?')[0], method: request.method },
        occurredAt: ctx.clock.now(),
      });
      throw new ProblemError(AcquiringProblem['merchant-unauthenticated'], { headers: CHALLENGE });
    }
    await touchApiKey(ctx.db, outcome.keyId, ctx.clock.now(), KEY_LAST_USED_INTERVAL_MS);
    principals.set(request, outcome);
  };
}

/** The merchant of a request after requireMerchantKey; throws if the route has none (a programmer's error). */
export function merchantOf(request: FastifyRequest): MerchantPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error('route is missing the requireMerchantKey preHandler');
  return principal;
}

type Outcome = MerchantPrincipal | { failure: MerchantKeyFailure; known: Record<string, string> };

async function authenticate(ctx: AppContext, header: string | undefined, modes: readonly ApiKeyMode[]): Promise<Outcome> {
  if (!header) return { failure: 'missing', known: {} };
  const token = BEARER.exec(header)?.[1];
  if (!token || !API_KEY_PATTERN.test(token)) return { failure: 'malformed', known: {} };
  const keyPrefix = keyPrefixOf(token);
  const keyring = ctx.config.keyring;
  const found = await findApiKeyByHash(ctx.db, keyHashCandidates(keyring, token));
  if (!found || !keyHashMatches(keyring, found.keyHash, token)) return { failure: 'unknown', known: { keyPrefix } };
  const { key } = found;
  const known = { keyPrefix, keyId: key.id, merchantId: key.merchantId };
  if (key.status !== 'active') return { failure: 'revoked', known };
  const merchant = await findMerchant(ctx.db, key.merchantId);
  if (merchant?.status !== 'active') return { failure: 'merchant-suspended', known };
  if (!modeEnabled(merchant, key.mode)) return { failure: 'mode-disabled', known };
  if (!modes.includes(key.mode)) return { failure: 'mode-refused', known };
  return { merchantId: merchant.id, keyId: key.id, mode: key.mode };
}
