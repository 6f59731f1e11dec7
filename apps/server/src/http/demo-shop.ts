import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { demoShopCredentials } from '../modules/acquiring/index.js';

/**
 * Mounts the demo shop (apps/demo-shop, issue 15 item 8) at /demo-shop, outside production only.
 * The shop is a separate package that talks to this server over HTTP as an outside merchant
 * would; the server only gives it what a real shop's environment would hold: where Kassa is
 * (PUBLIC_ORIGIN: the shop is reached there too) and, when first needed, its key and webhook
 * secret per mode, test and live (acquiring's demoShopCredentials: fresh ones each start; live is
 * this development bank's demo money). Imported at run time, so a
 * production build neither loads nor needs the package.
 */
export async function registerDemoShop(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.nodeEnv === 'production') return;
  let demoShop: typeof import('@kassa/demo-shop').demoShop;
  try {
    ({ demoShop } = await import('@kassa/demo-shop'));
  } catch (error) {
    // The compiled server run outside production: the shop's TypeScript sources are not part of that build.
    app.log.warn({ err: error }, 'the demo shop is not available in this build; run npm start from the sources');
    return;
  }
  await app.register(demoShop, {
    shopOrigin: ctx.config.publicOrigin,
    kassaOrigin: ctx.config.publicOrigin,
    credentials: () => demoShopCredentials(ctx),
  });
}
