export { devInboxRoutes } from './dev-inbox.routes.js';
export { dailyDigests } from './digest/digest.js';
export type { NotificationSettings } from './notifications.repo.js';
export { purgeExpired } from './notifications.retention.js';
export { notificationsRoutes } from './notifications.routes.js';
export { queueCodeSms, queueSms, smsDeliveryHandler } from './notifications.service.js';
export { outboxBacklog } from './outbox.repo.js';
export { OutboxWorker } from './outbox.worker.js';
export { deliverInApp, getNotificationSettings, notifyCustomer, notifyInApp } from './preferences.js';
// The staff's customer file lists what was sent (kind, channel, time, status), never a text.
export { listSentNotifications, SENT_STATUSES, type SentNotification } from './sent.repo.js';
export { createSmppSmsSender, SmppSmsSender } from './smpp/index.js';
// The SMSC simulator (tests, and `npm run smsc:dev`).
export { SmscSimulator } from './smpp/simulator.js';
export { AllowedCountriesSmsSender, DevInboxSmsSender, HttpSmsSender, type SmsSender } from './sms.js';
