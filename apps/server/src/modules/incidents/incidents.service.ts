import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { liveCallMatch } from '../calls/index.js';
import { findCustomerById, stripUnsafeCharacters } from '../identity/index.js';
import { notifyInApp } from '../notifications/index.js';
import { operationRecord, visibleOperation } from '../operations/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { IncidentProblem } from './incidents.errors.js';
import { adviceFor, reportedNotice } from './incidents.messages.js';
import { countCustomerReportsSince, insertIncident, insertIncidentEvent, selectCustomerIncidents } from './incidents.repo.js';
import type { IncidentReported, IncidentView } from './incidents.schemas.js';
import { INCIDENT_DESCRIPTION_LENGTH_MAX, type Incident, type IncidentKind, PRIORITY_OF_KIND } from './incidents.types.js';
import { incidentView } from './incidents.views.js';

/** Reporting an incident: by the customer from the app, or by staff from a call. */

/** Reports a customer may make in a day: enough for any real trouble, too few to flood the queue. */
export const CUSTOMER_REPORTS_PER_DAY_MAX = 10;
export const CUSTOMER_INCIDENTS_LISTED_MAX = 100;
const DAY_MS = 86_400_000;

export interface ReportInput {
  kind: IncidentKind;
  text?: string;
  operationIds?: readonly string[];
}

function cleanText(text: string | undefined): string | null {
  const cleaned = text ? stripUnsafeCharacters(text).trim().slice(0, INCIDENT_DESCRIPTION_LENGTH_MAX) : '';
  return cleaned === '' ? null : cleaned;
}

/** The operations a report points at, each one the customer's (another's is audited and not found). */
async function ownOperations(
  ctx: AppContext,
  customerId: string,
  ids: readonly string[] | undefined,
  meta: RequestMeta,
): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  for (const id of unique) await visibleOperation(ctx, customerId, id, meta);
  return unique;
}

function newIncident(
  input: ReportInput,
  fields: Pick<Incident, 'customerId' | 'source' | 'recordedByStaffId' | 'callId' | 'operationIds'>,
  now: Date,
): Incident {
  return {
    id: newId('inc'),
    ...fields,
    kind: input.kind,
    priority: PRIORITY_OF_KIND[input.kind],
    status: 'new',
    description: cleanText(input.text),
    ownerStaffId: null,
    resolution: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
}

async function tellCustomer(tx: Tx, ctx: AppContext, incident: Incident): Promise<void> {
  const customer = await findCustomerById(tx, incident.customerId);
  if (!customer) return;
  const notice = reportedNotice(customer.language, ctx.config.contactCenterPhone);
  await notifyInApp(tx, { customerId: customer.id, kind: `incident.${incident.kind}`, ...notice });
}

/**
 * The customer's report from the app. The answer says what to do now (for a told code or a lost
 * phone: call 595 to block access), with the contact center and the security e-mail.
 */
export async function reportIncident(
  ctx: AppContext,
  customerId: string,
  input: ReportInput,
  meta: RequestMeta,
): Promise<IncidentReported> {
  const operationIds = await ownOperations(ctx, customerId, input.operationIds, meta);
  const now = ctx.clock.now();
  const incident = newIncident(input, { customerId, source: 'customer', recordedByStaffId: null, callId: null, operationIds }, now);
  await ctx.db.transaction(async (tx) => {
    // The count and the insert in one transaction; two reports at once may both pass a cap of ten, which is harmless.
    if ((await countCustomerReportsSince(tx, customerId, new Date(now.getTime() - DAY_MS))) >= CUSTOMER_REPORTS_PER_DAY_MAX) {
      throw new ProblemError(IncidentProblem['incident-too-many'], { values: { contactPhone: ctx.config.contactCenterPhone } });
    }
    await insertIncident(tx, incident);
    await insertIncidentEvent(tx, { incidentId: incident.id, kind: 'reported', staffId: null, details: {}, now });
    await recordAudit(tx, {
      event: 'incident.reported',
      customerId,
      meta,
      details: { incidentId: incident.id, kind: incident.kind, priority: incident.priority, operationIds },
      occurredAt: now,
    });
    await tellCustomer(tx, ctx, incident);
  });
  const contacts = { contactPhone: ctx.config.contactCenterPhone, securityEmail: ctx.config.securityEmail };
  return {
    ...incidentView(incident),
    advice: {
      ...adviceFor(incident.kind, meta.language, contacts),
      contactCenterPhone: contacts.contactPhone,
      securityEmail: contacts.securityEmail,
    },
  };
}

export async function listIncidents(ctx: AppContext, customerId: string): Promise<IncidentView[]> {
  return (await selectCustomerIncidents(ctx.db, customerId, CUSTOMER_INCIDENTS_LISTED_MAX)).map(incidentView);
}

/**
 * What a caller told an operator, recorded by staff ('incidents.record'): the customer named by
 * the staff member (from the identified call's file), the call if there is one. The operations
 * named must be the customer's.
 */
export async function recordIncident(
  ctx: AppContext,
  staff: StaffPrincipal,
  input: ReportInput & { customerId: string; callId?: string },
  meta: RequestMeta,
): Promise<Incident> {
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer) throw new ProblemError(IncidentProblem['incident-customer-not-found']);
  // From a call: the staff member's own live inbound call (else 404, audited by calls), whose caller
  // is this customer (identified by the code, or matched by the look-up when no SMS reaches them).
  if (input.callId) {
    const call = await liveCallMatch(ctx, staff, input.callId, meta);
    if (call.customerId !== customer.id) {
      await recordAuditAlone(ctx.db, {
        event: 'access.denied',
        customerId: customer.id,
        meta,
        details: { resource: 'incident', staffId: staff.staffId, callId: input.callId, reason: 'call-of-another-customer' },
        occurredAt: ctx.clock.now(),
      });
      throw new ProblemError(IncidentProblem['incident-customer-not-found']);
    }
  }
  const operationIds = [...new Set(input.operationIds ?? [])];
  for (const id of operationIds) {
    const record = await operationRecord(ctx.db, id);
    if (!record || (record.customerId !== customer.id && record.payeeCustomerId !== customer.id)) {
      throw new ProblemError(IncidentProblem['incident-operation-not-found']);
    }
  }
  const now = ctx.clock.now();
  const incident = newIncident(
    input,
    { customerId: customer.id, source: 'operator', recordedByStaffId: staff.staffId, callId: input.callId ?? null, operationIds },
    now,
  );
  await ctx.db.transaction(async (tx) => {
    await insertIncident(tx, incident);
    await insertIncidentEvent(tx, {
      incidentId: incident.id,
      kind: 'recorded',
      staffId: staff.staffId,
      details: { callId: incident.callId },
      now,
    });
    await recordAudit(tx, {
      event: 'incident.recorded',
      customerId: customer.id,
      meta,
      details: {
        staffId: staff.staffId,
        incidentId: incident.id,
        kind: incident.kind,
        priority: incident.priority,
        callId: incident.callId,
      },
      occurredAt: now,
    });
    await tellCustomer(tx, ctx, incident);
  });
  return incident;
}
