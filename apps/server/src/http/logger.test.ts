import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhone, REDACT_PATHS, redactUrl } from './logger.js';

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

describe('query strings in logs', () => {
  it('keeps the path and the parameter names, never a value', () => {
    expect(redactUrl('/api/v1/dev/sms?phone=%2B77011234567&q=%D0%90%D0%B9')).toBe('/api/v1/dev/sms?phone=***&q=***');
    expect(redactUrl('/api/v1/operations?access_token=abc&flag')).toBe('/api/v1/operations?access_token=***&flag=***');
    expect(redactUrl('/api/v1/accounts')).toBe('/api/v1/accounts');
    expect(redactUrl('/x?a%3Db=1&&')).toBe('/x?a%3Db=***');
  });

  it("keeps a receipt's check code out of the logs", () => {
    expect(redactUrl('/r/AbCdEfGhIjKlMnOpQrStUv?lang=kk')).toBe('/r/***');
    expect(redactUrl('/r/AbCdEfGhIjKlMnOpQrStUv')).toBe('/r/***');
  });

  it('logs requests with the redacted URL, and a failed statement without its parameters', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { logLevel: 'info', nodeEnv: 'test' },
      new Writable({
        write(chunk, _encoding, callback) {
          lines.push(String(chunk));
          callback();
        },
      }),
    );
    const request = {
      method: 'GET',
      url: '/api/v1/dev/sms?phone=%2B77011234567',
      host: 'localhost',
      ip: '127.0.0.1',
      socket: { remotePort: 1 },
    };
    logger.info({ req: request }, 'incoming request');
    logger.error({ err: Object.assign(new Error('duplicate key'), { params: ['+77011234567'], query: 'INSERT …' }) }, 'failed');
    const line = lines.join('');
    expect(line).toContain('/api/v1/dev/sms?phone=***');
    expect(line).not.toContain('77011234567');
    expect(line).toContain('duplicate key');
  });
});
