import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger } from './lazy-child-logger.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level, redact: { paths: ['secret'], censor: '[redacted]' } }, stream), lines };
}

describe('lazyChildLogger', () => {
  it('makes no child for a request that writes nothing at an enabled level', () => {
    const { logger, lines } = capture('warn');
    const child = vi.spyOn(logger, 'child');
    const log = lazyChildLogger(logger, { reqId: 'r1' }, {});
    log.info('request completed');
    log.debug({ secret: 'x' }, 'detail');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('writes an enabled line with the request id bound and the parent redaction applied', () => {
    const { logger, lines } = capture('info');
    const log = lazyChildLogger(logger, { reqId: 'r2' }, {});
    log.warn({ secret: 'hunter2' }, 'rate limit reached');
    log.info('second line');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: 'r2', secret: '[redacted]', msg: 'rate limit reached', level: 40 });
    expect(lines[1]).toMatchObject({ reqId: 'r2', msg: 'second line' });
  });

  it('writes nothing at all when silent, and follows a level set on it', () => {
    const { logger, lines } = capture('silent');
    const log = lazyChildLogger(logger, { reqId: 'r3' }, {});
    log.fatal('nothing');
    expect(lines).toEqual([]);
    log.level = 'debug';
    log.debug('now');
    expect(lines).toMatchObject([{ reqId: 'r3', msg: 'now' }]);
  });
});
