/** Privacy API: retention setting, data subject requests (search, export, erase) for external authors. */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { authorParamsSchema, authorSearchQuerySchema, authorSummarySchema, eraseResultSchema, eraseSchema, privacySettingsSchema, privacySettingsUpdateSchema } from '../../../common/schemas/privacy.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { eraseAuthor, exportAuthor, searchAuthors } from './data-subject.service.ts';
import { privacySettings } from './privacy.schema.ts';

export function registerPrivacyRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];
  const base = '/api/v1/workspaces/:workspaceId/privacy';
  const manage = { access: { permission: 'community.manage' as const } };

  const settingsOf = async (ws: string) => {
    const [p] = await ctx.database.db.select().from(privacySettings).where(eq(privacySettings.workspaceId, ws));
    return { authorRetentionDays: p?.authorRetentionDays ?? 180, lastRunAt: p?.lastRunAt?.toISOString() ?? null };
  };
  app.get(`${base}/settings`, { config: manage, schema: { tags, params: workspaceParamsSchema, response: { 200: privacySettingsSchema } } }, async (req) => settingsOf(workspaceOf(req).id));
  app.put(`${base}/settings`, { config: manage, schema: { tags, params: workspaceParamsSchema, body: privacySettingsUpdateSchema, response: { 200: privacySettingsSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const before = await settingsOf(ws);
    await ctx.database.db.transaction(async (tx) => {
      await tx.insert(privacySettings).values({ workspaceId: ws, authorRetentionDays: req.body.authorRetentionDays, updatedAt: ctx.clock.now() })
        .onConflictDoUpdate({ target: privacySettings.workspaceId, set: { authorRetentionDays: req.body.authorRetentionDays, updatedAt: ctx.clock.now() } });
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'privacy.settings.updated', objectType: 'privacy_settings', objectId: ws, before: { authorRetentionDays: before.authorRetentionDays }, after: req.body }, ctx.clock.now());
    });
    return settingsOf(ws);
  });
  app.get(`${base}/authors`, { config: manage, schema: { tags, summary: 'Find an external author (data subject request)', params: workspaceParamsSchema, querystring: authorSearchQuerySchema, response: { 200: z.object({ items: z.array(authorSummarySchema) }) } } }, async (req) =>
    ({ items: await searchAuthors(ctx.database.db, workspaceOf(req).id, req.query.q) }));
  app.get(`${base}/authors/:authorId/export`, { config: manage, schema: { tags, summary: 'Everything about one external author as JSON', params: authorParamsSchema } }, async (req, reply) => {
    const data = await exportAuthor(ctx, actorOf(req), workspaceOf(req).id, req.params.authorId);
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="author-${req.params.authorId}.json"`).send(JSON.stringify(data, null, 2));
  });
  app.post(`${base}/authors/:authorId/erase`, { config: manage, schema: { tags, summary: 'Erase an external author’s data (moderation record kept for its own period)', params: authorParamsSchema, body: eraseSchema, response: { 200: eraseResultSchema } } }, async (req) =>
    eraseAuthor(ctx, actorOf(req), workspaceOf(req).id, req.params.authorId, req.body.reason));
}
