import type { Logger } from 'pino';
import type { SmppConfig } from '../../../config-smpp.js';
import type { Database } from '../../../db/database.js';
import { recordSmsReceipt } from '../outbox.repo.js';
import { SmppSmsSender } from './smpp-sender.js';

export { SmppSmsSender } from './smpp-sender.js';

/** SMS_ADAPTER=smpp: the adapter, its receipts recorded on the outbox rows they name. */
export function createSmppSmsSender(config: SmppConfig, db: Database, log: Logger): SmppSmsSender {
  return new SmppSmsSender({
    ...config,
    enquireLinkMs: config.enquireLinkSeconds * 1000,
    log,
    onReceipt: (receipt) => recordSmsReceipt(db, { providerMessageId: receipt.messageId, outcome: receipt.outcome, stat: receipt.stat }),
  });
}
