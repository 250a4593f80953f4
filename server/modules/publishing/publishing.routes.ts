/** All publishing routes (registered with one line in server/http/app.ts). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { registerMediaRoutes } from '../media/media.routes.ts';
import { registerChannelRoutes } from './channel.routes.ts';
import { registerPostRoutes } from './post.routes.ts';

import { registerPublishingReadinessChecks } from './publishing.readiness.ts';
import { registerPlanFeed } from './plan-feed.ts';

export function registerPublishingRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerChannelRoutes(app, ctx);
  registerPostRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  registerPublishingReadinessChecks();
  registerPlanFeed();
}
