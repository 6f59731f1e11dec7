import type { paths } from '../../api/schema';
import type { GetResponse, PostBody } from '../../api/shapes';

/** The customer's requests as the API gives them (schema.d.ts): reports of problems and disputes. */

export type IncidentKind = PostBody<'/api/v1/incidents'>['kind'];
export type Incident = GetResponse<'/api/v1/incidents'>['items'][number];
/** The answer to a report: the report, and what to do now. */
export type IncidentReported = paths['/api/v1/incidents']['post']['responses'][201]['content']['application/json'];
export type Dispute = GetResponse<'/api/v1/disputes'>['items'][number];
export type DisputeDetails = GetResponse<'/api/v1/disputes/{disputeId}'>;
export type DisputeStatus = Dispute['status'];
export type IncidentStatus = Incident['status'];

/** Every member of `T`, in the order written: the compiler rejects a missing or an unknown one. */
function membersOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

/** The kinds of problem, in the order the report page offers them: the urgent ones first. */
export const INCIDENT_KINDS = membersOf<IncidentKind>({
  told_code: true,
  lost_phone: true,
  unknown_operations: true,
  fake_bank_call: true,
  other: true,
});

/** The kinds whose answer sends the customer to block access now (the block page needs no phone). */
export const BLOCK_NOW_KINDS: ReadonlySet<IncidentKind> = new Set(['told_code', 'lost_phone', 'unknown_operations']);

/** The badge tone of a status: money back or solved, refused or closed, still open. */
export function disputeTone(status: DisputeStatus): 'success' | 'error' | 'muted' | 'info' {
  if (status === 'refunded') return 'success';
  if (status === 'rejected') return 'error';
  if (status === 'withdrawn') return 'muted';
  return 'info';
}

export function incidentTone(status: IncidentStatus): 'success' | 'muted' | 'info' {
  if (status === 'resolved') return 'success';
  if (status === 'rejected') return 'muted';
  return 'info';
}
