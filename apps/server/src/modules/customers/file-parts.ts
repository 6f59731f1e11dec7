import { type Static, Type } from 'typebox';
import { type AppContext, SMS_SUPPRESSION_REASONS } from '../../context.js';
import { literalUnion, Timestamp } from '../../shared/schemas.js';
import { type AuditRowView, listAudit } from '../audit/index.js';
import { BLOCK_REASONS, BLOCK_SOURCES, type BlockRecord, type BlockState, blockState, blocksOf } from '../blocks/index.js';
import type { CustomerAccess } from '../calls/index.js';
import { disputesOfCustomer, StaffDisputeSummary } from '../disputes/index.js';
import { incidentsOfCustomer, StaffIncidentSummary } from '../incidents/index.js';
import { listSentNotifications, SENT_STATUSES, type SentNotification } from '../notifications/index.js';

/**
 * The parts of the staff's customer file beyond the profile, the money and the access (issue 13
 * item 8): the notifications sent, the customer's disputes, incidents and blocks, and the audit
 * trail. Each is read through its owning module's export; none carries a secret.
 *
 * Notifications: kind, channel, time and status only, and why a suppressed one was not sent. A
 * code SMS is listed as `code` with `isCode` and no text, ever (issue 13 item 1: staff never see
 * an SMS code); the back office shows it as "verification code (hidden)".
 *
 * The audit trail is for the security officer who opened the file with a reason ('audit.view'
 * is theirs, permissions.ts); an operator on a call gets `null`: the trail names staff and
 * addresses an operator's work does not need.
 */

/** The latest of each list: the file is a summary; the queues and the audit viewer hold the rest. */
export const FILE_NOTIFICATIONS_SHOWN = 50;
export const FILE_AUDIT_ROWS_SHOWN = 50;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The properties the file's schema (customers.routes.ts) adds to the calls' CustomerFileView for these parts. */
function filePartsSchemas() {
  const SentNotificationView = Type.Object({
    id: Type.String(),
    channel: literalUnion(['sms', 'in_app']),
    kind: Type.String({ description: 'The purpose of the SMS or the kind of the in-app notice; `code` for any code' }),
    isCode: Type.Boolean({ description: 'A message with a one-time code: its text is never shown' }),
    status: literalUnion(SENT_STATUSES),
    suppressedReason: Type.Union([literalUnion(SMS_SUPPRESSION_REASONS), Type.Null()], {
      description: 'Why a suppressed message was not sent (customer-blocked: its number is under an emergency block)',
    }),
    createdAt: Timestamp,
    deliveredAt: nullable(Timestamp),
  });
  const BlockView = Type.Object({
    id: Type.String(),
    source: literalUnion(BLOCK_SOURCES),
    reason: literalUnion(BLOCK_REASONS),
    state: literalUnion(['active', 'unblock-requested', 'lifted']),
    createdAt: Timestamp,
    liftedAt: nullable(Timestamp),
  });
  const AuditEntryView = Type.Object({
    seq: Type.String(),
    occurredAt: Timestamp,
    event: Type.String(),
    staffId: nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown(), { description: 'Masked as in the audit viewer' }),
  });
  return {
    notifications: Type.Array(SentNotificationView),
    disputes: Type.Array(StaffDisputeSummary),
    incidents: Type.Array(StaffIncidentSummary),
    blocks: Type.Array(BlockView),
    audit: Type.Union([Type.Array(AuditEntryView), Type.Null()], { description: 'For a security officer; null for an operator on a call' }),
  };
}

export const FilePartsProperties = filePartsSchemas();
type FilePartsProperties = typeof FilePartsProperties;

export interface FileParts {
  notifications: SentNotification[];
  disputes: StaffDisputeSummary[];
  incidents: StaffIncidentSummary[];
  blocks: Array<{ record: BlockRecord; state: BlockState }>;
  audit: AuditRowView[] | null;
}

export async function readFileParts(ctx: AppContext, customer: { id: string; phone: string }, access: CustomerAccess): Promise<FileParts> {
  const [notifications, disputes, incidents, blocks, audit] = await Promise.all([
    listSentNotifications(ctx.db, { customerId: customer.id, phone: customer.phone }, FILE_NOTIFICATIONS_SHOWN),
    disputesOfCustomer(ctx, customer.id),
    incidentsOfCustomer(ctx, customer.id),
    blocksOf(ctx.db, customer.id),
    access.via === 'officer'
      ? listAudit(ctx.db, {
          filter: { customerId: customer.id, staffId: null, eventPrefix: null, from: null, to: null },
          cursor: null,
          limit: FILE_AUDIT_ROWS_SHOWN,
        }).then((page) => page.items)
      : Promise.resolve(null),
  ]);
  const now = ctx.clock.now();
  return { notifications, disputes, incidents, blocks: blocks.map((record) => ({ record, state: blockState(record, now) })), audit };
}

type FilePartsView = { [K in keyof FilePartsProperties]: Static<FilePartsProperties[K]> };

export function filePartsView(parts: FileParts): FilePartsView {
  return {
    notifications: parts.notifications.map((sent) => ({
      id: sent.id,
      channel: sent.channel,
      kind: sent.kind,
      isCode: sent.isCode,
      status: sent.status,
      suppressedReason: sent.suppressedReason,
      createdAt: sent.createdAt.toISOString(),
      deliveredAt: sent.deliveredAt?.toISOString() ?? null,
    })),
    disputes: parts.disputes,
    incidents: parts.incidents,
    blocks: parts.blocks.map(({ record, state }) => ({
      id: record.id,
      source: record.source,
      reason: record.reason,
      state,
      createdAt: record.createdAt.toISOString(),
      liftedAt: record.liftedAt?.toISOString() ?? null,
    })),
    audit:
      parts.audit?.map((row) => ({
        seq: row.seq,
        occurredAt: row.occurredAt,
        event: row.event,
        staffId: row.staffId,
        details: row.details,
      })) ?? null,
  };
}
