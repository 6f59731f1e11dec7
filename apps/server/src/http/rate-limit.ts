import type { FastifyInstance, FastifyRequest, onRequestHookHandler, preHandlerHookHandler, RouteOptions } from 'fastify';
import { RATE_LIMIT_CLASSES, type RateLimitClass, type RateLimitPolicy } from '../config.js';
import type { AppContext } from '../context.js';
import { recordAuditAlone } from '../modules/audit/index.js';
import { assert } from '../shared/assert.js';
import { CommonProblem, ProblemError } from '../shared/problem.js';
import { ipCountingKey, requestMeta } from '../shared/request-meta.js';
import { Problem } from '../shared/schemas.js';
import { WAIT_MINUTES, WAIT_SECONDS } from './rate-limit.messages.js';
import { countHit } from './rate-limit.repo.js';

export { purgeExpiredCounters as purgeExpiredRateLimitCounters } from './rate-limit.repo.js';

/**
 * SECURITY.md 33: the general rate limits. A route that costs the bank something names its class
 * in its options, `config: { rateLimit: 'login' }`, and nothing else: the one onRoute hook below
 * puts the checks in front of it. Each request is counted per client IP before anything else runs
 * (before the body is parsed, a session looked up or a password hashed: SECURITY.md 37), and per
 * customer right after the route's own authentication, when it has one. The classes, their
 * windows and limits are in config.ts; why a counter table and fixed windows: docs/adr/0004.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's rate-limit class (http/rate-limit.ts). */
    rateLimit?: RateLimitClass;
  }
}

export type RateLimitScope = 'ip' | 'customer';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterS: number; firstRefusal: boolean };

const MS_PER_S = 1000;
const S_PER_MINUTE = 60;

// Above this many seconds the wait is told in minutes, which read better than 3 540 seconds.
const WAIT_IN_SECONDS_MAX = 120;

/** The fixed window `now` falls in: its start and end. */
export function windowAt(now: Date, windowS: number): { start: Date; end: Date } {
  const windowMs = windowS * MS_PER_S;
  const startMs = Math.floor(now.getTime() / windowMs) * windowMs;
  return { start: new Date(startMs), end: new Date(startMs + windowMs) };
}

/** Counters in the database: every server process counts into the same rows (docs/adr/0004). */
export class RateLimiter {
  constructor(private readonly ctx: AppContext) {}

  /** Counts one request of `routeClass` by `subject`; refuses it past the class's limit for the scope. */
  async check(routeClass: RateLimitClass, scope: RateLimitScope, subject: string): Promise<RateLimitDecision> {
    const policy = this.ctx.config.rateLimits[routeClass];
    const max = scope === 'ip' ? policy.perIpMax : policy.perCustomerMax;
    assert(max !== null, `rate-limit class ${routeClass} has no ${scope} limit`);
    const now = this.ctx.clock.now();
    const window = windowAt(now, policy.windowS);
    const hits = await countHit(this.ctx.db, { routeClass, scope, subject, windowStart: window.start, expiresAt: window.end }, max);
    if (hits !== null && hits <= max) return { allowed: true };
    const retryAfterS = Math.max(1, Math.ceil((window.end.getTime() - now.getTime()) / MS_PER_S));
    return { allowed: false, retryAfterS, firstRefusal: hits === max + 1 };
  }
}

function refusal(decision: Extract<RateLimitDecision, { allowed: false }>): ProblemError {
  const inMinutes = decision.retryAfterS > WAIT_IN_SECONDS_MAX;
  return new ProblemError(CommonProblem['too-many-requests'], {
    // RFC 6585 §4 and RFC 9110 §10.2.3: a 429 may say when to come back; this one always does.
    headers: { 'retry-after': String(decision.retryAfterS) },
    detail: inMinutes ? WAIT_MINUTES : WAIT_SECONDS,
    values: { count: inMinutes ? Math.ceil(decision.retryAfterS / S_PER_MINUTE) : decision.retryAfterS },
  });
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Installs the checks on every route that names a class. Registered before the routes, so the
 * onRoute hook sees them all (child plugins inherit it).
 */
/**
 * Counts one request of `routeClass` by `subject` and refuses it (429, Retry-After) past the
 * limit. Audited once per subject and window: the request that crossed the limit. A flood after it
 * adds no audit rows (the chain is one writer at a time and must not become the bottleneck). The
 * route hooks below call it; so does a guard that counts only failures (merchant-auth's bad keys).
 */
export async function enforceRateLimit(
  ctx: AppContext,
  request: FastifyRequest,
  check: { routeClass: RateLimitClass; scope: RateLimitScope; subject: string; customerId: string | null },
  limiter: RateLimiter = new RateLimiter(ctx),
): Promise<void> {
  const { routeClass, scope, subject, customerId } = check;
  const decision = await limiter.check(routeClass, scope, subject);
  if (decision.allowed) return;
  if (decision.firstRefusal) {
    const policy: RateLimitPolicy = ctx.config.rateLimits[routeClass];
    request.log.warn({ rateLimit: { routeClass, scope } }, 'rate limit reached');
    await recordAuditAlone(ctx.db, {
      event: 'rate_limit.exceeded',
      customerId,
      meta: requestMeta(request),
      details: {
        routeClass,
        scope,
        windowS: policy.windowS,
        max: scope === 'ip' ? policy.perIpMax : policy.perCustomerMax,
        route: request.routeOptions.url,
      },
      occurredAt: ctx.clock.now(),
    });
  }
  throw refusal(decision);
}

/**
 * Installs the checks on every route that names a class. Registered before the routes, so the
 * onRoute hook sees them all (child plugins inherit it).
 */
export function registerRateLimits(app: FastifyInstance, ctx: AppContext): RateLimiter {
  const limiter = new RateLimiter(ctx);

  const enforce = (
    request: FastifyRequest,
    routeClass: RateLimitClass,
    scope: RateLimitScope,
    subject: string,
    customerId: string | null,
  ) => enforceRateLimit(ctx, request, { routeClass, scope, subject, customerId }, limiter);

  // One pair of handlers per class: a route whose options reach onRoute twice is still counted once.
  const handlers = new Map<RateLimitClass, { byIp: onRequestHookHandler; byCustomer: preHandlerHookHandler }>();
  for (const routeClass of RATE_LIMIT_CLASSES) {
    handlers.set(routeClass, {
      byIp: async (request) => enforce(request, routeClass, 'ip', ipCountingKey(request.ip), null),
      byCustomer: async (request) => {
        // Routes of the class that come before a login (a login code) have no customer to count.
        if (request.auth) await enforce(request, routeClass, 'customer', request.auth.customerId, request.auth.customerId);
      },
    });
  }

  app.addHook('onRoute', (route: RouteOptions) => {
    const routeClass = route.config?.rateLimit;
    if (routeClass === undefined) return;
    const pair = handlers.get(routeClass);
    assert(pair, `route ${route.url} names an unknown rate-limit class "${routeClass}"`);
    const onRequest = asArray(route.onRequest);
    if (!onRequest.includes(pair.byIp)) route.onRequest = [pair.byIp, ...onRequest];
    // After the route's own preHandlers: the customer is known once requireCustomer has run.
    const preHandler = asArray(route.preHandler);
    if (ctx.config.rateLimits[routeClass].perCustomerMax !== null && !preHandler.includes(pair.byCustomer)) {
      route.preHandler = [...preHandler, pair.byCustomer];
    }
    // The answer is part of the contract: every limited route documents its 429.
    if (route.schema) {
      const response = (route.schema.response ?? {}) as Record<string, unknown>;
      response['429'] ??= Problem;
      route.schema.response = response;
    }
  });
  return limiter;
}
