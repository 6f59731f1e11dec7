import type { SmsSender, SmsSendResult } from '../../context.js';
import type { Database } from '../../db/database.js';
import { smsCountryAllowed } from '../../shared/phone.js';
import { insertDevSms } from './dev-inbox.repo.js';
import { UndeliverableError } from './outbox.worker.js';

// The SMS port is declared in context.ts, which every module may import; these are its adapters.
export type { SmsSender };

/**
 * Keeps every text, codes included, in plaintext in dev_sms_messages for a developer to read at
 * /dev/sms. That is the one exception to SECURITY.md 35, and it is development-only: configuration
 * refuses SMS_ADAPTER=dev-inbox in production (config.ts), and the retention purge forgets these
 * messages after RETENTION_DEV_INBOX_HOURS.
 */
export class DevInboxSmsSender implements SmsSender {
  readonly name = 'dev-inbox';
  constructor(private readonly db: Database) {}

  async send(message: { to: string; text: string }): Promise<void> {
    await insertDevSms(this.db, message);
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

/**
 * SECURITY.md 33 (SMS pumping, toll fraud): no SMS leaves for a number outside the allowed calling
 * codes, whoever queued it. Codes are refused before they are issued (sca's issueCode, and
 * registration); this is the one place every SMS passes, notices included, and the gateway is
 * never called for such a number: the message goes dead at once. The guard is not in queueSms,
 * which runs inside the business transaction: a notice that cannot go out must not undo the
 * change it tells of.
 */
export class AllowedCountriesSmsSender implements SmsSender {
  readonly name: string;
  constructor(
    private readonly inner: SmsSender,
    private readonly allowedCallingCodes: readonly string[],
  ) {
    this.name = inner.name;
  }

  async send(message: { to: string; text: string }): Promise<SmsSendResult> {
    if (!smsCountryAllowed(message.to, this.allowedCallingCodes)) {
      throw new UndeliverableError(`SMS to a number outside the allowed calling codes (${this.allowedCallingCodes.join(', ')}) refused`);
    }
    return this.inner.send(message);
  }
}
