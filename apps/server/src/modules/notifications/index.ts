export { devInboxRoutes } from './dev-inbox.routes.js';
export { purgeExpired } from './notifications.retention.js';
export { notificationsRoutes } from './notifications.routes.js';
export { queueCodeSms, queueSms, smsDeliveryHandler } from './notifications.service.js';
export { outboxBacklog } from './outbox.repo.js';
export { OutboxWorker } from './outbox.worker.js';
export { deliverInApp, notifyCustomer, notifyInApp } from './preferences.js';
export { AllowedCountriesSmsSender, DevInboxSmsSender, HttpSmsSender, type SmsSender } from './sms.js';
