import { type Static, Type } from 'typebox';
import { Id, literalUnion } from '../../shared/schemas.js';
import { AccessSnapshotSchema } from '../auth/index.js';
import { BLOCK_REASONS } from '../blocks/index.js';
import { OperationId, StaffOperationView } from '../operations/index.js';
import { StaffRefSchema } from '../staff/index.js';
import {
  INCIDENT_ACTIONS,
  INCIDENT_DESCRIPTION_LENGTH_MAX,
  INCIDENT_EVENT_KINDS,
  INCIDENT_KINDS,
  INCIDENT_OPERATIONS_MAX,
  INCIDENT_PRIORITIES,
  INCIDENT_RESOLUTION_LENGTH_MAX,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
} from './incidents.types.js';

/** Security incidents as the API shows them: to the customer (their reports) and to the security officers. */

export const IncidentId = Id('inc');
export const IncidentKindSchema = literalUnion(INCIDENT_KINDS);
export const IncidentStatusSchema = literalUnion(INCIDENT_STATUSES);
export const IncidentPrioritySchema = literalUnion(INCIDENT_PRIORITIES);
export const NOTE_LENGTH_MAX = 2000;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** What a report carries, from the app or from a call. */
export const ReportBody = {
  kind: IncidentKindSchema,
  text: Type.Optional(Type.String({ maxLength: INCIDENT_DESCRIPTION_LENGTH_MAX, description: 'What happened, in the customer’s words' })),
  operationIds: Type.Optional(Type.Array(OperationId, { maxItems: INCIDENT_OPERATIONS_MAX, uniqueItems: true })),
};

export const IncidentView = Type.Object({
  id: Type.String(),
  kind: IncidentKindSchema,
  status: IncidentStatusSchema,
  source: literalUnion(INCIDENT_SOURCES),
  text: nullable(Type.String()),
  operationIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  closedAt: nullable(Type.String()),
});
export type IncidentView = Static<typeof IncidentView>;

/** What to do now, with the contacts from configuration (CONTACT_CENTER_PHONE, SECURITY_EMAIL). */
export const Advice = Type.Object({
  urgent: Type.Boolean({ description: 'Act now: someone may be able to move your money' }),
  steps: Type.Array(Type.String()),
  contactCenterPhone: Type.String(),
  securityEmail: Type.String(),
});

export const IncidentReported = Type.Object({ ...IncidentView.properties, advice: Advice });
export type IncidentReported = Static<typeof IncidentReported>;

// ---- Staff ----

const Owner = nullable(Type.Object({ staffId: Type.String(), displayName: Type.String() }));

export const StaffIncidentSummary = Type.Object({
  id: Type.String(),
  kind: IncidentKindSchema,
  priority: IncidentPrioritySchema,
  status: IncidentStatusSchema,
  source: literalUnion(INCIDENT_SOURCES),
  customerId: Type.String(),
  owner: Owner,
  operationCount: Type.Integer(),
  createdAt: Type.String(),
});
export type StaffIncidentSummary = Static<typeof StaffIncidentSummary>;

export const StaffIncidentDetails = Type.Object({
  ...StaffIncidentSummary.properties,
  text: nullable(Type.String()),
  callId: nullable(Type.String()),
  recordedByStaffId: nullable(Type.String()),
  resolution: nullable(Type.String()),
  closedAt: nullable(Type.String()),
  customer: nullable(Type.Object({ id: Type.String(), maskedName: Type.String(), maskedPhone: Type.String() })),
  operations: Type.Array(StaffOperationView),
  /** How the customer is signed in now: the sessions to end, the devices to revoke. */
  access: AccessSnapshotSchema,
  contactCenterPhone: Type.String(),
  securityEmail: Type.String(),
  timeline: Type.Array(
    Type.Object({
      kind: literalUnion(INCIDENT_EVENT_KINDS),
      staffId: nullable(Type.String()),
      /** Who at the bank took the step (name and role, for the timeline); null for the customer's report. */
      staff: nullable(StaffRefSchema),
      details: Type.Record(Type.String(), Type.Unknown()),
      at: Type.String(),
    }),
  ),
  notes: Type.Array(
    Type.Object({ id: Type.String(), staffId: Type.String(), staff: StaffRefSchema, text: Type.String(), at: Type.String() }),
  ),
});
export type StaffIncidentDetails = Static<typeof StaffIncidentDetails>;

export const IncidentQueueFilters = Type.Object(
  {
    status: Type.Optional(IncidentStatusSchema),
    priority: Type.Optional(IncidentPrioritySchema),
    owner: Type.Optional(Type.Union([Id('stf'), Type.Literal('me')], { description: 'A staff id, or me' })),
    customerId: Type.Optional(Id('cus')),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  {
    status: literalUnion(['in_progress', 'resolved', 'rejected']),
    resolution: Type.Optional(
      Type.String({ minLength: 1, maxLength: INCIDENT_RESOLUTION_LENGTH_MAX, description: 'How it ended: needed to resolve or reject' }),
    ),
  },
  { additionalProperties: false },
);

export const ActionBody = Type.Object(
  {
    action: literalUnion(INCIDENT_ACTIONS),
    deviceId: Type.Optional(Id('dev')),
    blockReason: Type.Optional(literalUnion(BLOCK_REASONS)),
  },
  { additionalProperties: false, description: 'revoke-device names the device; block may name a reason (by the kind otherwise)' },
);

export const ActionDone = Type.Object({
  incident: StaffIncidentDetails,
  result: Type.Object({
    sessionsEnded: Type.Optional(Type.Integer()),
    devicesRevoked: Type.Optional(Type.Integer()),
    alreadyBlocked: Type.Optional(Type.Boolean()),
  }),
});
export type ActionDone = Static<typeof ActionDone>;
