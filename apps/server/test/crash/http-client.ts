import http from 'node:http';

/** node:http with keep-alive, one socket per request in flight, every request bounded in time. */

export const REQUEST_TIMEOUT_MS = 10_000;
const RESPONSE_BODY_MAX_BYTES = 1024 * 1024;

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export class HttpClient {
  readonly #port: number;
  readonly #agent: http.Agent;

  constructor(port: number, socketsMax: number) {
    this.#port = port;
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: socketsMax });
  }

  request(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? null : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.#port,
          method,
          path,
          agent: this.#agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            ...headers,
            ...(payload === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > RESPONSE_BODY_MAX_BYTES)
              req.destroy(new Error(`${method} ${path}: response beyond ${RESPONSE_BODY_MAX_BYTES} bytes`));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text.length > 0) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      if (payload !== null) req.write(payload);
      req.end();
    });
  }

  async expect(status: number, what: string, answer: Promise<Answer>): Promise<Record<string, unknown>> {
    const got = await answer;
    if (got.status !== status) throw new Error(`${what}: expected ${status}, got ${got.status} ${JSON.stringify(got.body).slice(0, 500)}`);
    return got.body as Record<string, unknown>;
  }

  close(): void {
    this.#agent.destroy();
  }
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
