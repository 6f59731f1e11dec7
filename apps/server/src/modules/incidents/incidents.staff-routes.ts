import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Problem, strict } from '../../shared/schemas.js';
import { requireStaff, staffOf } from '../staff/index.js';
import { takeIncidentAction } from './incidents.actions.js';
import {
  ActionBody,
  ActionDone,
  IncidentId,
  IncidentQueueFilters,
  NOTE_LENGTH_MAX,
  ReportBody,
  StaffIncidentDetails,
  StaffIncidentSummary,
  StatusBody,
} from './incidents.schemas.js';
import { recordIncident } from './incidents.service.js';
import { addIncidentNote, assignIncident, changeIncidentStatus, incidentQueue, staffIncident } from './incidents.staff.js';

const Params = Type.Object({ incidentId: IncidentId }, strict);
const QUEUE_PAGE_DEFAULT = 50;
/** The call the caller reported on (modules/calls), kept on the incident as a reference. */
const CallId = Id('call');
const staffErrors = { 401: Problem, 403: Problem, 404: Problem };

/**
 * /api/staff/v1/incidents: recording a caller's report ('incidents.record': operators and
 * security officers), and the security officers' queue, cases and actions ('incidents.work').
 */
export async function incidentsStaffRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const working = requireStaff(ctx, 'incidents.work');
  const recording = requireStaff(ctx, 'incidents.record');

  app.post(
    '/api/staff/v1/incidents',
    {
      preHandler: recording,
      schema: {
        tags: ['staff'],
        summary: 'Record what a caller reports (source operator), for the security officers’ queue',
        body: Type.Object({ ...ReportBody, customerId: Id('cus'), callId: Type.Optional(CallId) }, strict),
        response: { 201: StaffIncidentSummary, ...staffErrors, 400: Problem },
      },
    },
    async (request, reply) => {
      const incident = await recordIncident(ctx, staffOf(request), request.body, requestMeta(request));
      return reply.code(201).send({
        id: incident.id,
        kind: incident.kind,
        priority: incident.priority,
        status: incident.status,
        source: incident.source,
        customerId: incident.customerId,
        owner: null,
        operationCount: incident.operationIds.length,
        createdAt: incident.createdAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/staff/v1/incidents',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'The security incident queue: open incidents by default, high priority first, then the oldest',
        querystring: IncidentQueueFilters,
        response: {
          200: Type.Object({ items: Type.Array(StaffIncidentSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const query = request.query;
      const staff = staffOf(request);
      return incidentQueue(ctx, {
        status: query.status ?? null,
        priority: query.priority ?? null,
        ownerStaffId: query.owner === 'me' ? staff.staffId : (query.owner ?? null),
        customerId: query.customerId ?? null,
        cursor: query.cursor ?? null,
        limit: query.limit ?? QUEUE_PAGE_DEFAULT,
      });
    },
  );

  app.get(
    '/api/staff/v1/incidents/:incidentId',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'One incident: the customer (masked), the operations named, the sessions and devices now, the timeline and notes',
        params: Params,
        response: { 200: StaffIncidentDetails, ...staffErrors },
      },
    },
    async (request) => staffIncident(ctx, staffOf(request), request.params.incidentId, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/incidents/:incidentId/assign',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'Give an open incident an owner: the staff member named, or yourself',
        params: Params,
        body: Type.Object({ staffId: Type.Optional(Id('stf')) }, strict),
        response: { 200: StaffIncidentDetails, ...staffErrors, 409: Problem, 422: Problem },
      },
    },
    async (request) =>
      assignIncident(ctx, staffOf(request), request.params.incidentId, { staffId: request.body.staffId ?? null }, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/incidents/:incidentId/status',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'new → in_progress → resolved | rejected (with how it ended)',
        params: Params,
        body: StatusBody,
        response: { 200: StaffIncidentDetails, ...staffErrors, 400: Problem, 409: Problem },
      },
    },
    async (request) => changeIncidentStatus(ctx, staffOf(request), request.params.incidentId, request.body, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/incidents/:incidentId/notes',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'Add a staff note (never shown to the customer)',
        params: Params,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: NOTE_LENGTH_MAX }) }, strict),
        response: { 200: StaffIncidentDetails, ...staffErrors, 400: Problem },
      },
    },
    async (request) => addIncidentNote(ctx, staffOf(request), request.params.incidentId, request.body, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/incidents/:incidentId/actions',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary:
          'Act on the customer’s access from an open incident: end every session, revoke a device, reset the password, or the emergency block',
        params: Params,
        body: ActionBody,
        // 503: the password reset's Argon2 hash, refused by a full pool (auth/passwords.ts).
        response: { 200: ActionDone, ...staffErrors, 409: Problem, 503: Problem },
      },
    },
    async (request) => takeIncidentAction(ctx, staffOf(request), request.params.incidentId, request.body, requestMeta(request)),
  );
}
