/** `GET /api/v1/workspaces/:workspaceId/readiness`: the navigator, computed on every request. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workspaceParamsSchema } from '../../../../common/schemas/common.ts';
import { readinessSchema } from '../../../../common/schemas/strategy.ts';
import { workspaceOf } from '../../../http/access.ts';
import type { AppContext } from '../../../http/context.ts';
import { workspaceToday } from '../workspace-day.ts';
import { registerDefaultReadinessChecks } from './readiness-defaults.ts';
import { runReadiness, scoreReadiness } from './readiness-registry.ts';

export function registerReadinessRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  registerDefaultReadinessChecks();
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  app.get('/api/v1/workspaces/:workspaceId/readiness', { config: { access: { permission: 'strategy.read' } }, schema: { tags: ['strategy'], params: workspaceParamsSchema, response: { 200: readinessSchema } } }, async (req) => {
    const workspaceId = workspaceOf(req).id;
    const today = await workspaceToday(db, workspaceId, ctx.clock.now());
    return scoreReadiness(await runReadiness({ tx: db, workspaceId, today }));
  });
}
