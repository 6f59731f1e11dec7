import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { CommonProblem, ProblemError } from '../shared/problem.js';
import { sendProblem } from './errors.js';

// Seconds. Wide enough to see both a fast read and a slow transfer under load.
const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Bounded label sets: a route pattern is finite, a raw URL is not.
const ROUTES_MAX = 500;

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

export type GaugeReader = () => Promise<Array<{ name: string; help: string; value: number; labels?: Record<string, string> }>>;

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Prometheus text exposition of request counts and latencies by route, plus gauges read at scrape time. */
export class Metrics {
  readonly #requests = new Map<string, Series>();
  readonly #gauges: GaugeReader[] = [];

  addGauges(reader: GaugeReader): void {
    this.#gauges.push(reader);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = JSON.stringify([method, route, String(status)]);
    let series = this.#requests.get(key);
    if (!series) {
      if (this.#requests.size >= ROUTES_MAX) return;
      series = { count: 0, sum: 0, buckets: LATENCY_BUCKETS_S.map(() => 0) };
      this.#requests.set(key, series);
    }
    series.count += 1;
    series.sum += seconds;
    LATENCY_BUCKETS_S.forEach((bound, index) => {
      if (seconds <= bound) series.buckets[index] = (series.buckets[index] ?? 0) + 1;
    });
  }

  async render(): Promise<string> {
    const lines: string[] = ['# HELP http_requests_total HTTP requests by method, route and status.', '# TYPE http_requests_total counter'];
    const histogram: string[] = [
      '# HELP http_request_duration_seconds HTTP request latency by method and route.',
      '# TYPE http_request_duration_seconds histogram',
    ];
    for (const [key, series] of this.#requests) {
      const [method, route, status] = JSON.parse(key) as [string, string, string];
      lines.push(`http_requests_total${labelText({ method, route, status })} ${series.count}`);
      LATENCY_BUCKETS_S.forEach((bound, index) => {
        histogram.push(
          `http_request_duration_seconds_bucket${labelText({ method, route, status, le: String(bound) })} ${series.buckets[index]}`,
        );
      });
      histogram.push(`http_request_duration_seconds_bucket${labelText({ method, route, status, le: '+Inf' })} ${series.count}`);
      histogram.push(`http_request_duration_seconds_sum${labelText({ method, route, status })} ${series.sum}`);
      histogram.push(`http_request_duration_seconds_count${labelText({ method, route, status })} ${series.count}`);
    }
    const gauges: string[] = [];
    const seen = new Set<string>();
    for (const reader of this.#gauges) {
      for (const gauge of await reader()) {
        if (!seen.has(gauge.name)) {
          gauges.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
          seen.add(gauge.name);
        }
        gauges.push(`${gauge.name}${labelText(gauge.labels ?? {})} ${gauge.value}`);
      }
    }
    return `${[...lines, ...histogram, ...gauges].join('\n')}\n`;
  }
}

export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}

/**
 * SECURITY.md 39: where /metrics is served. The figures (routes, pool, backlog) are a map of the
 * system for an attacker, so the public listener never serves them without a token, in any
 * environment (issue 12: a demo or staging server in development mode is public too).
 * - 'own-listener': METRICS_PORT, on METRICS_HOST (loopback by default); the public port has none;
 * - 'public-with-token': METRICS_TOKEN, sent by Prometheus as a bearer token;
 * - 'none': neither: 404 on the public listener.
 */
export type MetricsPlacement = 'own-listener' | 'public-with-token' | 'none';

export function metricsPlacement(config: Pick<Config, 'metrics'>): MetricsPlacement {
  if (config.metrics.port !== null) return 'own-listener';
  return config.metrics.token !== null ? 'public-with-token' : 'none';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(sent), digest(token));
}

/** GET /metrics on `app`; with a token, only for a request that brings it. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics, token: string | null): void {
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: true } }, async (request, reply) => {
    if (token !== null && !bearerMatches(request.headers.authorization, token)) {
      throw new ProblemError(CommonProblem.unauthenticated, { headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
    }
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return metrics.render();
  });
}

/**
 * The listener of METRICS_PORT: /metrics and nothing else, built here and started by main.ts
 * (tests inject into it). Scrapes are not logged: one every 15 s says nothing.
 */
export async function buildMetricsListener(metrics: Metrics, token: string | null, log: FastifyBaseLogger): Promise<FastifyInstance> {
  const listener = Fastify({ loggerInstance: log, disableRequestLogging: true });
  registerMetricsRoute(listener, metrics, token);
  listener.setErrorHandler((error, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(request, reply, error);
    request.log.error({ err: error }, 'metrics listener error');
    return sendProblem(request, reply, new ProblemError(CommonProblem['internal-error']));
  });
  listener.setNotFoundHandler((request, reply) => sendProblem(request, reply, new ProblemError(CommonProblem['not-found'])));
  await listener.ready();
  return listener;
}
