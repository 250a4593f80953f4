/** Alerts, alert channels (e-mail, webhooks) and in-app notifications. */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { alertChannelCreateSchema, alertChannelSchema, alertParamsSchema, alertSchema, channelParamsSchema, notificationSchema } from '../../../common/schemas/listening.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listeningAlertChannels, listeningAlerts, listeningQueries } from './listening.schema.ts';

export function registerAlertRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['listening'];
  const base = '/api/v1/workspaces/:workspaceId/listening';
  const read = { access: { permission: 'listening.read' as const } };
  const write = { access: { permission: 'listening.write' as const } };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const presentChannel = (c: typeof listeningAlertChannels.$inferSelect) => ({
    id: c.id, kind: c.kind as 'email', name: c.name, target: c.target, format: c.format as 'json', enabled: c.enabled, hasSecret: c.secretSealed !== null, createdAt: c.createdAt.toISOString(),
  });

  app.get(`${base}/alerts`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(), response: { 200: z.object({ items: z.array(alertSchema) }) } } }, async (req) => {
    const rows = await db.select({ a: listeningAlerts, name: listeningQueries.name }).from(listeningAlerts).innerJoin(listeningQueries, eq(listeningQueries.id, listeningAlerts.queryId))
      .where(eq(listeningAlerts.workspaceId, workspaceOf(req).id)).orderBy(desc(listeningAlerts.createdAt)).limit(req.query.limit);
    return {
      items: rows.map(({ a, name }) => ({
        id: a.id, queryId: a.queryId, queryName: name, kind: a.kind as 'volume', windowStart: a.windowStart.toISOString(), windowEnd: a.windowEnd.toISOString(),
        observed: a.observed, expected: a.expected, score: a.score, sensitivity: a.sensitivity, deliveries: a.deliveries as never, createdAt: a.createdAt.toISOString(), acknowledgedAt: iso(a.acknowledgedAt),
      })),
    };
  });
  app.post(`${base}/alerts/:alertId/acknowledge`, { config: read, schema: { tags, params: alertParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      const [a] = await tx.update(listeningAlerts).set({ acknowledgedAt: now }).where(and(eq(listeningAlerts.workspaceId, ws), eq(listeningAlerts.id, req.params.alertId))).returning();
      if (!a) throw notFound('alert');
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_alert.acknowledged', objectType: 'listening_alert', objectId: a.id }, now);
    });
    return { ok: true as const };
  });

  app.get(`${base}/alert-channels`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(alertChannelSchema) }) } } }, async (req) => ({
    items: (await db.select().from(listeningAlertChannels).where(eq(listeningAlertChannels.workspaceId, workspaceOf(req).id)).orderBy(listeningAlertChannels.name)).map(presentChannel),
  }));
  app.post(`${base}/alert-channels`, { config: write, schema: { tags, params: workspaceParamsSchema, body: alertChannelCreateSchema, response: { 201: alertChannelSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    const b = req.body;
    const c = await db.transaction(async (tx) => {
      const [row] = await tx.insert(listeningAlertChannels).values({
        workspaceId: ws, kind: b.kind, name: b.name, target: b.target, format: b.kind === 'webhook' ? b.format : 'json',
        secretSealed: b.kind === 'webhook' && b.secret ? ctx.secrets.seal(b.secret) : null, createdAt: now,
      }).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_alert_channel.created', objectType: 'listening_alert_channel', objectId: row!.id, after: { kind: row!.kind, name: row!.name, target: row!.target, format: row!.format } }, now);
      return row!;
    });
    return reply.code(201).send(presentChannel(c));
  });
  app.delete(`${base}/alert-channels/:channelId`, { config: write, schema: { tags, params: channelParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      const [c] = await tx.delete(listeningAlertChannels).where(and(eq(listeningAlertChannels.workspaceId, ws), eq(listeningAlertChannels.id, req.params.channelId))).returning();
      if (!c) throw notFound('alert channel');
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_alert_channel.deleted', objectType: 'listening_alert_channel', objectId: c.id, before: { kind: c.kind, name: c.name, target: c.target } }, now);
    });
    return { ok: true as const };
  });
}
