export { devInboxRoutes } from './dev-inbox.routes.js';
export { queueSms } from './notifications.service.js';
export { outboxBacklog } from './outbox.repo.js';
export { OUTBOX_ATTEMPTS_MAX, OutboxWorker } from './outbox.worker.js';
export { DevInboxSmsSender, HttpSmsSender, type SmsSender } from './sms.js';
