import type { Answer } from '../../apps/server/test/crash/http-client.js';

/**
 * The bench's HTTP client is the crash tests' (node:http with keep-alive, one socket per request
 * in flight, every request bounded in time, only to 127.0.0.1), with two helpers of its own.
 */
export { type Answer, bearer, HttpClient } from '../../apps/server/test/crash/http-client.js';
export { sleep } from '../../apps/server/test/crash/ports.js';

export async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Record<string, unknown>> {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: expected ${status}, got ${got} ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}
