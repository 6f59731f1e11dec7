import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';

/**
 * Route plugins are typed by their schemas. The TypeBox type provider makes `request.body`,
 * `request.params`, `request.query` and `request.headers` the `Static<>` of the route's schema,
 * and checks what a handler returns, or passes to `reply.code(n).send()`, against the response
 * schema. Casting a part of the request is never needed, and is a defect: it hides a schema that
 * says something else.
 *
 * The pattern every `*.routes.ts` follows:
 *
 * ```ts
 * import type { TypedApp } from '../../http/typed-routes.js';
 * import { literalUnion, Problem, strict } from '../../shared/schemas.js';
 *
 * export async function thingRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
 *   app.post(
 *     '/api/v1/things/:thingId',
 *     {
 *       schema: {
 *         params: Type.Object({ thingId: Id('thg') }, strict),
 *         headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 64 })) }),
 *         body: Type.Object({ kind: literalUnion(THING_KINDS) }, strict),
 *         response: { 201: ThingView, 404: Problem },
 *       },
 *     },
 *     async (request, reply) => {
 *       const { thingId } = request.params; // string
 *       const key = request.headers['idempotency-key']; // string | undefined
 *       const { kind } = request.body; // (typeof THING_KINDS)[number]
 *       return reply.code(201).send(thingView(await makeThing(ctx, thingId, kind, key))); // checked against ThingView
 *     },
 *   );
 * }
 * ```
 *
 * - app.ts builds the instance `.withTypeProvider<TypeBoxTypeProvider>()` and registers each
 *   plugin with `app.register(thingRoutes, { ctx })`. A plugin that adds the routes of a sibling
 *   file calls it directly (`await deviceRoutes(app, { ctx })`).
 * - Enumerations are literal unions (`literalUnion` in shared/schemas.ts), built from the owning
 *   module's `as const` list where it has one: the OpenAPI document lists the values, the web
 *   client takes them from it, and a value the schema does not know breaks the build where a
 *   handler returns it. Not `Type.Union(list.map(Type.Literal))`: its static type is `never`, and
 *   an anyOf costs the serializer a validation per branch (shared/schemas.ts says how much).
 * - A property with a schema `default` is filled by the validator (useDefaults) but still typed
 *   optional: read it as `const { limit = PAGE_DEFAULT } = request.query`, with the named constant
 *   the schema uses.
 * - Answers are JSON values: ISO strings for instants (`codeStepJson` for the code steps whose
 *   services return Dates), numbers for money. The handler's view function is typed
 *   `Static<typeof ThingView>`. A literal in a returned object literal needs `as const`
 *   (`{ status: 'ok' as const }`), as TypeScript widens it before it meets the schema.
 * - 204: `response: { 204: Type.Null() }` and `return reply.code(204).send(null)`; Fastify sends
 *   no body for a 204 whatever the payload.
 * - A file answer (PDF, CSV, HTML) documents its media types with `FileBody`:
 *   `200: { description, content: { 'application/pdf': { schema: FileBody } } }`, and sends the
 *   bytes or text after setting its content type; the JSON serializer never sees them.
 * - Helpers that work on any route's request or reply take `FastifyRequest` / `FastifyReply` (a
 *   typed request is assignable to them); a helper that needs one route's typed body takes the
 *   values, not the request.
 * - Opaque JSON that a library verifies (WebAuthn credentials) keeps its bounding schema and gets
 *   the library's type with `Type.Unsafe<LibraryType>(schema)`, which changes no schema.
 */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
