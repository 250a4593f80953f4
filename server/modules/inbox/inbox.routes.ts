/** Every inbox route, registered with one call from server/http/app.ts. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { registerInboxConfigRoutes } from './config.routes.ts';
import { registerExpertRoutes } from './expert.routes.ts';
import { registerInboxCrisisAdapter } from './inbox-crisis.ts';
import { registerInboxItemRoutes } from './items.routes.ts';

export function registerInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerInboxCrisisAdapter();
  registerInboxItemRoutes(app, ctx);
  registerInboxConfigRoutes(app, ctx);
  registerExpertRoutes(app, ctx);
}
