/**
 * Retention (SECURITY.md 35): the scheduler of every module's purgeExpired. Each module deletes
 * only its own tables; this module knows none of them, only the list of purges.
 */
export { PURGES, RetentionWorker } from './retention.worker.js';
