import http from 'node:http';

/** node:http with keep-alive, one socket per in-flight request, only to 127.0.0.1. */

const REQUEST_TIMEOUT_MS = 15_000;

export interface Answer {
  status: number;
  body: unknown;
}

export class HttpClient {
  #agent: http.Agent;

  /** `socketsMax` bounds the open sockets; a request beyond it waits in the agent's queue. */
  constructor(
    readonly port: number,
    socketsMax: number,
  ) {
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: socketsMax });
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise<Answer>((resolvePromise, reject) => {
      const payload = body === undefined ? null : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
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
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text.length > 0) parsed = JSON.parse(text);
            resolvePromise({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      if (payload !== null) req.write(payload);
      req.end();
    });
  }

  /** Closes the kept-alive sockets; a request after this opens a socket of its own and closes it. */
  close(): void {
    this.#agent.destroy();
    this.#agent = new http.Agent({ keepAlive: false });
  }
}

export async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Record<string, unknown>> {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: expected ${status}, got ${got} ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
