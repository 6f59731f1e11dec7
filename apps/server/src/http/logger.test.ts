import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { maskPhone, REDACT_PATHS } from './logger.js';

function capture(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const logger = pino(
    {
      redact: { paths: REDACT_PATHS, censor: (value, path) => (path.at(-1) === 'phone' ? maskPhone(String(value)) : '[redacted]') },
    },
    stream,
  );
  return { logger, lines };
}

describe('log redaction', () => {
  it('never writes passwords, codes, tokens or card numbers, and masks phones', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'correct horse battery',
        body: { code: '123456' },
        session: { token: 'tok_secret' },
        card: { pan: '4400430012345678', cvc2: '123' },
        customer: { phone: '+77011234567' },
        req: { headers: { authorization: 'Bearer abc', cookie: '__Host-kassa_session=xyz' } },
        err: { code: 'FST_ERR_X' },
      },
      'event',
    );
    const line = lines.join('');
    for (const secret of ['correct horse', '123456', 'tok_secret', '4400430012345678', '"123"', 'Bearer abc', 'xyz']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('+7701*****67');
    expect(line).toContain('FST_ERR_X');
  });
});
