/** Preparation: playbooks (versioned), holding statements with their approval, crisis webhooks, starter templates. */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  holdingCreateSchema, holdingDecisionSchema, holdingParamsSchema, holdingStatementSchema, holdingUpdateSchema, playbookContentSchema, playbookCreateSchema,
  playbookParamsSchema, playbookSchema, playbookUpdateSchema, playbookVersionSchema, scenarioSchema, webhookCreateSchema, webhookParamsSchema, webhookSchema,
} from '../../../common/schemas/crisis.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { crisisWebhooks } from './crisis.schema.ts';
import { createHolding, decideHolding, deleteHolding, holdingOf, loadHolding, submitHolding, updateHolding } from './holding-statement.service.ts';
import { presentHolding, presentHoldings } from './holding-present.ts';
import { playbookTemplate, SCENARIO_LIST } from './playbook-templates.ts';
import { createPlaybook, listPlaybooks, loadPlaybook, playbookVersions, updatePlaybook, type PlaybookRow } from './playbook.service.ts';

type PlaybookDto = z.infer<typeof playbookSchema>;

async function presentPlaybook(tx: Tx, p: PlaybookRow): Promise<PlaybookDto> {
  const holding = await presentHoldings(tx, await holdingOf(tx, p.id));
  return {
    id: p.id, scenario: p.scenario as PlaybookDto['scenario'], name: p.name, version: p.version, archived: p.archived,
    content: playbookContentSchema.parse(p.content), holdingStatements: holding, updatedAt: p.updatedAt.toISOString(),
  };
}

export function registerPlaybookRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['crisis'];
  const base = '/api/v1/workspaces/:workspaceId/crisis';
  const read = { access: { permission: 'crisis.read' as const } };
  const prepare = { access: { permission: 'crisis.prepare' as const } };

  app.get(`${base}/playbooks`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(playbookSchema) }) } } }, async (req) => {
    const rows = await listPlaybooks(db, workspaceOf(req).id);
    const items: PlaybookDto[] = [];
    for (const p of rows) items.push(await presentPlaybook(db, p));
    return { items };
  });

  app.get(`${base}/playbook-templates`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(z.object({ scenario: scenarioSchema, name: z.string(), content: playbookContentSchema, holdingStatements: z.array(holdingCreateSchema.omit({ variants: true, networks: true })) })) }) } } }, async (req) => {
    const [ws] = await db.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, workspaceOf(req).id));
    const locale = ws?.locale === 'en' ? 'en' : 'de';
    return { items: SCENARIO_LIST.map((scenario) => ({ scenario, ...playbookTemplate(scenario, locale) })) };
  });

  app.post(`${base}/playbooks`, { config: prepare, schema: { tags, params: workspaceParamsSchema, body: playbookCreateSchema, response: { 201: playbookSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const out = await db.transaction(async (tx) => presentPlaybook(tx, await createPlaybook(tx, actorOf(req), ws, req.body, ctx.clock.now())));
    return reply.code(201).send(out);
  });

  app.get(`${base}/playbooks/:playbookId`, { config: read, schema: { tags, params: playbookParamsSchema, response: { 200: playbookSchema } } }, async (req) =>
    presentPlaybook(db, await loadPlaybook(db, workspaceOf(req).id, req.params.playbookId)));

  app.patch(`${base}/playbooks/:playbookId`, { config: prepare, schema: { tags, params: playbookParamsSchema, body: playbookUpdateSchema, response: { 200: playbookSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => presentPlaybook(tx, await updatePlaybook(tx, actorOf(req), ws, req.params.playbookId, req.body, ctx.clock.now())));
  });

  app.get(`${base}/playbooks/:playbookId/versions`, { config: read, schema: { tags, params: playbookParamsSchema, response: { 200: z.object({ items: z.array(playbookVersionSchema) }) } } }, async (req) => {
    await loadPlaybook(db, workspaceOf(req).id, req.params.playbookId);
    return { items: (await playbookVersions(db, req.params.playbookId)).map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) };
  });

  app.post(`${base}/playbooks/:playbookId/holding-statements`, { config: prepare, schema: { tags, params: playbookParamsSchema, body: holdingCreateSchema, response: { 201: holdingStatementSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const out = await db.transaction(async (tx) => {
      await loadPlaybook(tx, ws, req.params.playbookId);
      return presentHolding(tx, await createHolding(tx, actorOf(req), ws, req.params.playbookId, req.body, ctx.clock.now()));
    });
    return reply.code(201).send(out);
  });

  app.patch(`${base}/playbooks/:playbookId/holding-statements/:statementId`, { config: prepare, schema: { tags, params: holdingParamsSchema, body: holdingUpdateSchema, response: { 200: holdingStatementSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      const s = await loadHolding(tx, ws, req.params.playbookId, req.params.statementId, true);
      return presentHolding(tx, await updateHolding(tx, actorOf(req), s, req.body, ctx.clock.now()));
    });
  });

  app.delete(`${base}/playbooks/:playbookId/holding-statements/:statementId`, { config: prepare, schema: { tags, params: holdingParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    await db.transaction(async (tx) => deleteHolding(tx, actorOf(req), await loadHolding(tx, ws, req.params.playbookId, req.params.statementId, true), ctx.clock.now()));
    return { ok: true as const };
  });

  app.post(`${base}/playbooks/:playbookId/holding-statements/:statementId/submit`, { config: prepare, schema: { tags, params: holdingParamsSchema, response: { 200: holdingStatementSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      const s = await loadHolding(tx, ws, req.params.playbookId, req.params.statementId, true);
      return presentHolding(tx, await submitHolding(tx, actorOf(req), s, ctx.clock.now()));
    });
  });

  // Who may decide is the approval chain's business (as for posts): any crisis reader reaches the check.
  app.post(`${base}/playbooks/:playbookId/holding-statements/:statementId/decision`, { config: read, schema: { tags, params: holdingParamsSchema, body: holdingDecisionSchema, response: { 200: holdingStatementSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      const s = await loadHolding(tx, ws, req.params.playbookId, req.params.statementId, true);
      return presentHolding(tx, await decideHolding(tx, actorOf(req), s, req.body.decision, req.body.comment, ctx.clock.now()));
    });
  });

  const presentHook = (h: typeof crisisWebhooks.$inferSelect) => ({ id: h.id, name: h.name, format: h.format as 'json', host: h.urlHost, signed: h.secretSealed !== null, enabled: h.enabled, createdAt: h.createdAt.toISOString() });
  app.get(`${base}/webhooks`, { config: prepare, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(webhookSchema) }) } } }, async (req) => ({
    items: (await db.select().from(crisisWebhooks).where(eq(crisisWebhooks.workspaceId, workspaceOf(req).id)).orderBy(crisisWebhooks.createdAt)).map(presentHook),
  }));
  app.post(`${base}/webhooks`, { config: prepare, schema: { tags, params: workspaceParamsSchema, body: webhookCreateSchema, response: { 201: webhookSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    const row = await db.transaction(async (tx) => {
      const [h] = await tx.insert(crisisWebhooks).values({
        workspaceId: ws, name: req.body.name, format: req.body.format, urlSealed: ctx.secrets.seal(req.body.url), urlHost: new URL(req.body.url).host,
        secretSealed: req.body.secret ? ctx.secrets.seal(req.body.secret) : null, createdAt: now,
      }).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'crisis_webhook.created', objectType: 'crisis_webhook', objectId: h!.id, after: { name: h!.name, format: h!.format, host: h!.urlHost } }, now);
      return h!;
    });
    return reply.code(201).send(presentHook(row));
  });
  app.delete(`${base}/webhooks/:webhookId`, { config: prepare, schema: { tags, params: webhookParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      const [h] = await tx.delete(crisisWebhooks).where(and(eq(crisisWebhooks.id, req.params.webhookId), eq(crisisWebhooks.workspaceId, ws))).returning();
      if (!h) throw notFound('webhook');
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'crisis_webhook.deleted', objectType: 'crisis_webhook', objectId: h.id, before: { name: h.name, host: h.urlHost } }, now);
    });
    return { ok: true as const };
  });
}
