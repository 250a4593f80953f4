/** Crisis mode over HTTP: the state for the banner, declaring/confirming/ending, the crisis room and its actions, drills, reports. */
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../common/permissions.ts';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  activateSchema, confirmSchema, crisisParamsSchema, crisisRoomSchema, crisisStateSchema, crisisStatementSchema, crisisSummarySchema, crisisTaskSchema,
  decisionCreateSchema, dismissSchema, drillCreateSchema, drillItemParamsSchema, endSchema, heldBackDecisionSchema, reportSummarySchema, statementCreateSchema,
  statementParamsSchema, taskParamsSchema, taskUpdateSchema,
} from '../../../common/schemas/crisis.ts';
import { actorOf, principalOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { users } from '../identity/identity.schema.ts';
import { crises, crisisContacts, crisisReports } from './crisis.schema.ts';
import { recordDecision } from './crisis-events.ts';
import { crisisRoom, statementsOf, tasksOf } from './crisis-room.ts';
import { loadReport } from './crisis-report.ts';
import { activateCrisis, confirmCrisis, dismissProposal, endCrisis } from './crisis.service.ts';
import { activeCrisis, activeDrill, loadCrisis, openProposal, presentCrisis } from './crisis-state.ts';
import { setTaskDone } from './crisis-tasks.ts';
import { acknowledgeAsMember } from './contact-chain.ts';
import { handleDrillItem, startDrill } from './drill.service.ts';
import { decideHeldBack } from './held-back.ts';
import { loadPlaybook } from './playbook.service.ts';
import { renderReportPdf } from './report-pdf.ts';
import { createStatement, releaseStatement } from './statement.service.ts';

export function registerCrisisStateRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['crisis'];
  const base = '/api/v1/workspaces/:workspaceId';
  const read = { access: { permission: 'crisis.read' as const } };
  const decide = { access: { permission: 'crisis.decide' as const } };
  const prepare = { access: { permission: 'crisis.prepare' as const } };
  const summaryList = z.object({ items: z.array(crisisSummarySchema) });

  // Every member sees the banner; drills and proposals only those who may read the crisis room.
  app.get(`${base}/crisis/state`, { config: { access: { permission: 'workspace.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: crisisStateSchema } } }, async (req) => {
    const ws = workspaceOf(req);
    const insider = can(ws.roles, 'crisis.read');
    const active = await activeCrisis(db, ws.id);
    const drill = insider ? await activeDrill(db, ws.id) : null;
    const proposal = insider ? await openProposal(db, ws.id) : null;
    const me = principalOf(req).userId;
    const open = [active, drill].filter((c) => c !== null).map((c) => c!.id);
    let myContact: { crisisId: string; contactId: string } | null = null;
    for (const crisisId of open) {
      const [k] = await db.select({ id: crisisContacts.id, ack: crisisContacts.acknowledgedAt }).from(crisisContacts).where(and(eq(crisisContacts.crisisId, crisisId), eq(crisisContacts.userId, me)));
      if (k && !k.ack) myContact = { crisisId, contactId: k.id };
    }
    return { active: active ? presentCrisis(active) : null, drill: drill ? presentCrisis(drill) : null, proposal: proposal ? presentCrisis(proposal) : null, myContact };
  });

  app.get(`${base}/crises`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: summaryList } } }, async (req) => {
    const rows = await db.select({ c: crises, report: crisisReports.crisisId }).from(crises).leftJoin(crisisReports, eq(crisisReports.crisisId, crises.id))
      .where(eq(crises.workspaceId, workspaceOf(req).id)).orderBy(desc(crises.createdAt)).limit(100);
    return { items: rows.map((r) => presentCrisis(r.c, r.report !== null)) };
  });

  app.post(`${base}/crises`, { config: decide, schema: { tags, params: workspaceParamsSchema, body: activateSchema, response: { 201: crisisSummarySchema } } }, async (req, reply) => {
    const c = await activateCrisis(ctx, actorOf(req), workspaceOf(req).id, req.body);
    return reply.code(201).send(presentCrisis(c));
  });

  app.get(`${base}/crises/:crisisId/room`, { config: read, schema: { tags, params: crisisParamsSchema, response: { 200: crisisRoomSchema } } }, async (req) => {
    const c = await loadCrisis(db, workspaceOf(req).id, req.params.crisisId);
    const playbook = c.playbookId ? await loadPlaybook(db, c.workspaceId, c.playbookId).catch(() => null) : null;
    return crisisRoom(db, c, playbook, ctx.clock.now());
  });

  app.post(`${base}/crises/:crisisId/confirm`, { config: decide, schema: { tags, params: crisisParamsSchema, body: confirmSchema, response: { 200: crisisSummarySchema } } }, async (req) =>
    presentCrisis(await confirmCrisis(ctx, actorOf(req), workspaceOf(req).id, req.params.crisisId, req.body)));

  app.post(`${base}/crises/:crisisId/dismiss`, { config: decide, schema: { tags, params: crisisParamsSchema, body: dismissSchema, response: { 200: crisisSummarySchema } } }, async (req) =>
    presentCrisis(await db.transaction((tx) => dismissProposal(tx, ctx, actorOf(req), workspaceOf(req).id, req.params.crisisId, req.body.reason, ctx.clock.now()))));

  app.post(`${base}/crises/:crisisId/end`, { config: decide, schema: { tags, params: crisisParamsSchema, body: endSchema, response: { 200: crisisSummarySchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const c = await loadCrisis(db, ws, req.params.crisisId);
    if (c.drill) throw conflict('is_a_drill', 'This is a drill; end it from the drill (POST …/drills/:crisisId/end).');
    return presentCrisis(await endCrisis(ctx, actorOf(req), ws, c.id, req.body), true);
  });

  app.post(`${base}/crises/:crisisId/acknowledge`, { config: read, schema: { tags, params: crisisParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction(async (tx) => {
      await loadCrisis(tx, workspaceOf(req).id, req.params.crisisId);
      await acknowledgeAsMember(tx, ctx, actorOf(req), workspaceOf(req).id, req.params.crisisId, ctx.clock.now());
    });
    return { ok: true as const };
  });

  app.post(`${base}/crises/:crisisId/decisions`, { config: decide, schema: { tags, params: crisisParamsSchema, body: decisionCreateSchema, response: { 201: okSchema } } }, async (req, reply) => {
    await db.transaction(async (tx) => {
      const c = await loadCrisis(tx, workspaceOf(req).id, req.params.crisisId);
      if (c.state !== 'active' && c.state !== 'proposed') throw conflict('crisis_not_active', 'Decisions are logged while the crisis is open.');
      await recordDecision(tx, ctx, actorOf(req), c, req.body.decision, req.body.reason, ctx.clock.now());
    });
    return reply.code(201).send({ ok: true as const });
  });

  app.patch(`${base}/crises/:crisisId/tasks/:taskId`, { config: read, schema: { tags, params: taskParamsSchema, body: taskUpdateSchema, response: { 200: crisisTaskSchema } } }, async (req) => {
    const now = ctx.clock.now();
    return db.transaction(async (tx) => {
      const c = await loadCrisis(tx, workspaceOf(req).id, req.params.crisisId, true);
      await setTaskDone(tx, ctx, actorOf(req), c, req.params.taskId, req.body.done, now);
      return (await tasksOf(tx, c.id, now)).find((t) => t.id === req.params.taskId)!;
    });
  });

  app.post(`${base}/crises/:crisisId/statements`, { config: { access: { permission: 'posts.write' } }, schema: { tags, params: crisisParamsSchema, body: statementCreateSchema, response: { 201: crisisStatementSchema } } }, async (req, reply) => {
    const out = await db.transaction(async (tx) => {
      const c = await loadCrisis(tx, workspaceOf(req).id, req.params.crisisId);
      const s = await createStatement(tx, ctx, actorOf(req), c, req.body, ctx.clock.now());
      return (await statementsOf(tx, c)).find((x) => x.id === s.id)!;
    });
    return reply.code(201).send(out);
  });

  app.post(`${base}/crises/:crisisId/statements/:statementId/release`, { config: decide, schema: { tags, params: statementParamsSchema, response: { 200: crisisStatementSchema } } }, async (req) => {
    const c = await loadCrisis(db, workspaceOf(req).id, req.params.crisisId);
    await releaseStatement(ctx, actorOf(req), c, req.params.statementId);
    return (await statementsOf(db, c)).find((x) => x.id === req.params.statementId)!;
  });

  app.post(`${base}/crises/:crisisId/held-back`, { config: { access: { permission: 'publishing.pause' } }, schema: { tags, params: crisisParamsSchema, body: heldBackDecisionSchema, response: { 200: z.object({ decided: z.number().int() }) } } }, async (req) => {
    const decided = await db.transaction(async (tx) => {
      const c = await loadCrisis(tx, workspaceOf(req).id, req.params.crisisId);
      if (c.drill) throw conflict('is_a_drill', 'A drill holds nothing back.');
      return decideHeldBack(tx, ctx, actorOf(req), c, req.body.targetIds, req.body.action, ctx.clock.now());
    });
    return { decided };
  });

  app.get(`${base}/crises/:crisisId/report`, { config: read, schema: { tags, params: crisisParamsSchema, response: { 200: reportSummarySchema } } }, async (req) => {
    await loadCrisis(db, workspaceOf(req).id, req.params.crisisId);
    const r = await loadReport(db, req.params.crisisId);
    if (!r) throw notFound('report');
    return r;
  });

  app.get(`${base}/crises/:crisisId/report.pdf`, { config: read, schema: { tags, params: crisisParamsSchema, querystring: z.object({ lang: z.enum(['de', 'en']).optional() }).strict() } }, async (req, reply) => {
    const c = await loadCrisis(db, workspaceOf(req).id, req.params.crisisId);
    const r = await loadReport(db, c.id);
    if (!r) throw notFound('report');
    const [ws] = await db.select({ tz: workspaces.timezone, locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, c.workspaceId));
    const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, principalOf(req).userId));
    const lang = req.query.lang ?? (u?.locale === 'en' ? 'en' : ws?.locale === 'en' ? 'en' : 'de');
    const pdf = await renderReportPdf(r, { lang, timeZone: ws?.tz ?? 'Europe/Berlin', endSummary: c.endSummary });
    const name = `${c.drill ? 'uebungsbericht' : 'krisenbericht'}-${(c.endedAt ?? c.createdAt).toISOString().slice(0, 10)}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
  });

  app.post(`${base}/drills`, { config: prepare, schema: { tags, params: workspaceParamsSchema, body: drillCreateSchema, response: { 201: crisisSummarySchema } } }, async (req, reply) => {
    const c = await startDrill(ctx, actorOf(req), workspaceOf(req).id, req.body);
    return reply.code(201).send(presentCrisis(c));
  });

  app.post(`${base}/drills/:crisisId/end`, { config: prepare, schema: { tags, params: crisisParamsSchema, body: z.object({ summary: z.string().trim().min(1).max(4000) }).strict(), response: { 200: crisisSummarySchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const c = await loadCrisis(db, ws, req.params.crisisId);
    if (!c.drill) throw conflict('not_a_drill', 'This is a real crisis; only the duty editor or owner ends it (POST …/crises/:crisisId/end).');
    return presentCrisis(await endCrisis(ctx, actorOf(req), ws, c.id, { summary: req.body.summary, heldBack: 'review' }), true);
  });

  app.post(`${base}/crises/:crisisId/drill-items/:itemId/handle`, { config: read, schema: { tags, params: drillItemParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction(async (tx) => {
      const c = await loadCrisis(tx, workspaceOf(req).id, req.params.crisisId);
      await handleDrillItem(tx, ctx, actorOf(req), c, req.params.itemId, ctx.clock.now());
    });
    return { ok: true as const };
  });
}
