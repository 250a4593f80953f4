/** Netiquette (draft, versions, public page), rules and appeals. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  actionParamsSchema, appealCreateSchema, appealDecideSchema, appealParamsSchema, appealSchema, clauseInputSchema, clauseParamsSchema, clauseSchema,
  netiquetteSchema, netiquetteUpdateSchema, publicNetiquetteParamsSchema, publicNetiquetteQuerySchema, publicNetiquetteSchema, ruleInputSchema, ruleParamsSchema, ruleSchema,
} from '../../../common/schemas/moderation.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { decideAppeal, listAppeals, logAppeal } from './appeals.service.ts';
import { deleteRule, listRules, saveRule } from './moderation-rules.ts';
import { createClause, getNetiquette, publicNetiquette, publishNetiquette, retireClause, updateClause, updateNetiquetteSettings } from './netiquette.service.ts';

export function registerModerationSetupRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['moderation'];
  const base = '/api/v1/workspaces/:workspaceId/moderation';
  const read = { access: { permission: 'inbox.read' as const } };
  const manage = { access: { permission: 'community.manage' as const } };

  app.get(`${base}/netiquette`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: netiquetteSchema } } }, async (req) => getNetiquette(ctx.database.db, workspaceOf(req).id));
  app.patch(`${base}/netiquette`, { config: manage, schema: { tags, params: workspaceParamsSchema, body: netiquetteUpdateSchema, response: { 200: netiquetteSchema } } }, async (req) =>
    updateNetiquetteSettings(ctx, actorOf(req), workspaceOf(req).id, req.body));
  app.post(`${base}/netiquette/clauses`, { config: manage, schema: { tags, params: workspaceParamsSchema, body: clauseInputSchema, response: { 201: clauseSchema } } }, async (req, reply) =>
    reply.code(201).send(await createClause(ctx, actorOf(req), workspaceOf(req).id, req.body)));
  app.put(`${base}/netiquette/clauses/:clauseId`, { config: manage, schema: { tags, params: clauseParamsSchema, body: clauseInputSchema, response: { 200: clauseSchema } } }, async (req) =>
    updateClause(ctx, actorOf(req), workspaceOf(req).id, req.params.clauseId, req.body));
  app.delete(`${base}/netiquette/clauses/:clauseId`, { config: manage, schema: { tags, params: clauseParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await retireClause(ctx, actorOf(req), workspaceOf(req).id, req.params.clauseId);
    return { ok: true as const };
  });
  app.post(`${base}/netiquette/publish`, { config: manage, schema: { tags, summary: 'Publish the draft as the next netiquette version', params: workspaceParamsSchema, response: { 201: z.object({ version: z.number(), publishedAt: z.string() }) } } }, async (req, reply) =>
    reply.code(201).send(await publishNetiquette(ctx, actorOf(req), workspaceOf(req).id)));

  app.get('/api/v1/public/netiquette/:slug', {
    config: { access: { public: true }, rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: 'The published netiquette of a workspace (public)', params: publicNetiquetteParamsSchema, querystring: publicNetiquetteQuerySchema, response: { 200: publicNetiquetteSchema } },
  }, async (req, reply) => {
    const n = await publicNetiquette(ctx.database.db, req.params.slug, req.query.lang);
    if (!n) throw notFound('netiquette');
    return reply.header('cache-control', 'public, max-age=300').send(n);
  });

  app.get(`${base}/rules`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(ruleSchema) }) } } }, async (req) => ({ items: await listRules(ctx.database.db, workspaceOf(req).id) }));
  app.post(`${base}/rules`, { config: manage, schema: { tags, params: workspaceParamsSchema, body: ruleInputSchema, response: { 201: ruleSchema } } }, async (req, reply) =>
    reply.code(201).send(await saveRule(ctx, actorOf(req), workspaceOf(req).id, req.body)));
  app.put(`${base}/rules/:ruleId`, { config: manage, schema: { tags, params: ruleParamsSchema, body: ruleInputSchema, response: { 200: ruleSchema } } }, async (req) =>
    saveRule(ctx, actorOf(req), workspaceOf(req).id, req.body, req.params.ruleId));
  app.delete(`${base}/rules/:ruleId`, { config: manage, schema: { tags, params: ruleParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await deleteRule(ctx, actorOf(req), workspaceOf(req).id, req.params.ruleId);
    return { ok: true as const };
  });

  app.get(`${base}/appeals`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: z.object({ state: z.enum(['open', 'upheld', 'reversed']).optional() }), response: { 200: z.object({ items: z.array(appealSchema) }) } } }, async (req) =>
    ({ items: await listAppeals(ctx.database.db, workspaceOf(req).id, req.query.state) }));
  app.post(`${base}/actions/:actionId/appeals`, { config: { access: { permission: 'moderation.act' } }, schema: { tags, summary: 'Log an appeal of a moderated person', params: actionParamsSchema, body: appealCreateSchema, response: { 201: appealSchema } } }, async (req, reply) =>
    reply.code(201).send(await logAppeal(ctx, actorOf(req), workspaceOf(req).id, req.params.actionId, req.body)));
  app.post(`${base}/appeals/:appealId/decide`, { config: { access: { permission: 'moderation.ban' } }, schema: { tags, summary: 'Decide an appeal (not by the person who acted)', params: appealParamsSchema, body: appealDecideSchema, response: { 200: appealSchema } } }, async (req) =>
    decideAppeal(ctx, actorOf(req), workspaceOf(req), req.params.appealId, req.body));
}
