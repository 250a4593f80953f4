/** All crisis routes, readiness checks and hooks (registered with one line in server/http/app.ts). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { registerAckRoutes } from './ack.routes.ts';
import { registerCrisisHooks } from './crisis-hooks.ts';
import { registerCrisisReadinessChecks } from './crisis.readiness.ts';
import { registerCrisisStateRoutes } from './crisis.routes.ts';
import { registerPlaybookRoutes } from './playbook.routes.ts';

export function registerCrisisRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerPlaybookRoutes(app, ctx);
  registerCrisisStateRoutes(app, ctx);
  registerAckRoutes(app, ctx);
  registerCrisisReadinessChecks();
  registerCrisisHooks();
}
