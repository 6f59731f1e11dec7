/**
 * The audit log (SECURITY.md 31): append-only, hash-chained, written in the transaction of the change
 * it records (`recordAudit`). Staff events name the staff member who acted as details.staffId. The
 * back office's viewer (`auditRoutes`, issue 13 item 9) searches it, exports it as masked CSV and
 * verifies the chain; its guard comes from app.ts, as staff depends on audit.
 */
export { auditRoutes } from './audit.routes.js';
export { holdAuditChain, recordAudit, recordAuditAlone, verifyAuditChain } from './audit.service.js';
// The staff's customer file (modules/calls) shows the customer's trail through the viewer's own reading.
export { type AuditRowView, listAudit } from './audit.viewer.js';
