import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { migrationStatus } from '../../db/migrate.ts';
import type { AppContext } from '../../http/context.ts';
import { registry } from '../../http/metrics.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  /** Ready = the database answers and every committed migration is applied. */
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.database.pool.query('SELECT 1');
      const m = await migrationStatus(ctx.database);
      const ok = m.applied >= m.expected;
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'migrations_pending', database: 'ok', migrations: m });
    } catch {
      return reply.code(503).send({ status: 'database_unreachable', database: 'error' });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
