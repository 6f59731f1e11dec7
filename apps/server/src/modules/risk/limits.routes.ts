import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { Problem } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { CustomerLimitsView, customerLimits } from './limits.views.js';

/** GET /api/v1/limits: the signed-in customer's transfer limits to others and what counts toward them. */
export async function limitsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get(
    '/api/v1/limits',
    {
      preHandler: requireCustomer(ctx),
      schema: {
        tags: ['limits'],
        summary:
          'My limits on transfers to other people (per operation, day, month) and what I sent today and this month; the lower day limit after a phone change while it lasts',
        response: { 200: CustomerLimitsView, 401: Problem },
      },
    },
    async (request) => customerLimits(ctx, authOf(request).customerId),
  );
}
