export { holdAuditChain, recordAudit, recordAuditAlone, verifyAuditChain } from './audit.service.js';
