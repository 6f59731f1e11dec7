export { devInboxRoutes } from './dev-inbox.routes.js';
export { notificationsRoutes } from './notifications.routes.js';
export { queueSms } from './notifications.service.js';
export { outboxBacklog } from './outbox.repo.js';
export { OUTBOX_ATTEMPTS_MAX, OutboxWorker } from './outbox.worker.js';
export { deliverInApp, getNotificationSettings, type NotificationEvent, notifyCustomer } from './preferences.js';
export { DevInboxSmsSender, HttpSmsSender, type SmsSender } from './sms.js';
