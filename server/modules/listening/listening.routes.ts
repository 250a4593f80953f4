/** All listening routes (registered with one line in server/http/app.ts). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { registerAlertRoutes } from './alert.routes.ts';
import { registerDashboardRoutes } from './dashboard/dashboard.routes.ts';
import { registerQueryRoutes } from './query.routes.ts';
import { registerSourceRoutes } from './source.routes.ts';

import { registerListeningReadinessChecks } from './listening.readiness.ts';

export function registerListeningRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerListeningReadinessChecks();
  registerQueryRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerSourceRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
}
