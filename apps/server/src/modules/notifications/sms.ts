import type { Database } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

/** The SMS port. Adapters: `dev-inbox` (keeps messages for developers) and `http` (a gateway). */
export interface SmsSender {
  readonly name: string;
  send(message: { to: string; text: string }): Promise<void>;
}

export class DevInboxSmsSender implements SmsSender {
  readonly name = 'dev-inbox';
  constructor(private readonly db: Database) {}

  async send(message: { to: string; text: string }): Promise<void> {
    await this.db.query('INSERT INTO dev_sms_messages (id, phone, text) VALUES ($1, $2, $3)', [newId('sms'), message.to, message.text]);
  }
}

// A gateway that does not answer in this time is treated as failed; the outbox retries later.
const SMS_HTTP_TIMEOUT_MS = 10_000;

/**
 * A generic HTTP SMS gateway: POST {to, text} as JSON with a bearer token. Most Kazakh SMS
 * aggregators offer such an API; an SMPP adapter would implement the same port.
 */
export class HttpSmsSender implements SmsSender {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly token: string | null,
  ) {}

  async send(message: { to: string; text: string }): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: AbortSignal.timeout(SMS_HTTP_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}
