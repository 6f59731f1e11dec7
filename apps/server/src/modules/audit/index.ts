export { type AuditEvent, holdAuditChain, listAuditEvents, recordAudit, recordAuditAlone, verifyAuditChain } from './audit.service.js';
