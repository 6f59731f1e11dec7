export { type AuditEvent, listAuditEvents, recordAudit, recordAuditAlone, verifyAuditChain } from './audit.service.js';
