import type { FastifyInstance } from 'fastify';

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
