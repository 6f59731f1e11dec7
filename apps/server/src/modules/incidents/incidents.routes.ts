import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { IncidentReported, IncidentView, ReportBody } from './incidents.schemas.js';
import { listIncidents, reportIncident } from './incidents.service.js';

/** The customer's security reports: "I told someone my code", "I lost my phone", … and their list. */
export async function incidentsRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const authenticated = requireCustomer(ctx);

  app.post(
    '/api/v1/incidents',
    {
      preHandler: authenticated,
      schema: {
        tags: ['incidents'],
        summary: 'Report a security problem; the answer says what to do now, with the contact center and the security e-mail',
        body: Type.Object(ReportBody, strict),
        response: { 201: IncidentReported, 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reportIncident(ctx, authOf(request).customerId, request.body, requestMeta(request))),
  );

  app.get(
    '/api/v1/incidents',
    {
      preHandler: authenticated,
      schema: {
        tags: ['incidents'],
        summary: 'Your security reports, newest first',
        response: { 200: Type.Object({ items: Type.Array(IncidentView) }) },
      },
    },
    async (request) => ({ items: await listIncidents(ctx, authOf(request).customerId) }),
  );
}
