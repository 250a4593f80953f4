/** HTTP routes: channels, connect flows, approval chains, publishing settings and the pause switch. */
import { and, eq, gte, lte, notInArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  approvalChainPutSchema, approvalChainSchema, channelCreateSchema, channelParamsSchema, channelSchema, channelUpdateSchema,
  oauthCallbackQuerySchema, oauthStartResponseSchema, oauthStartSchema, overdueListSchema, passwordConnectSchema,
  nextSlotSchema, publishingSettingsSchema, publishingSettingsUpdateSchema,
} from '../../../common/schemas/publishing.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DEFAULT_CHAIN, validateChain } from './approval-chain.ts';
import { completeOAuth, connectWithPassword, loadChannel, presentChannel, startOAuth } from './channel.service.ts';
import { listOverdue, setChannelPaused, setWorkspacePaused, updateSettings } from './pause.service.ts';
import { settingsOf, workspaceTimezone } from './post.service.ts';
import { approvalChains, channels, publishTargets } from './publishing.schema.ts';
import { nextFreeSlot, type Slot } from './slots.ts';
import { instantToZoned } from './zoned-time.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function registerChannelRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['publishing'];
  const base = '/api/v1/workspaces/:workspaceId';

  app.get(`${base}/channels`, { config: { access: { permission: 'posts.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(channelSchema) }) } } }, async (req) => ({
    items: (await db.select().from(channels).where(eq(channels.workspaceId, workspaceOf(req).id)).orderBy(channels.name)).map(presentChannel),
  }));

  app.post(`${base}/channels`, { config: { access: { permission: 'channels.manage' } }, schema: { tags, params: workspaceParamsSchema, body: channelCreateSchema, response: { 201: channelSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    const c = await db.transaction(async (tx) => {
      const [row] = await tx.insert(channels).values({ workspaceId: ws, network: req.body.network, name: req.body.name, serviceUrl: req.body.serviceUrl ?? null, defaultSlots: req.body.defaultSlots ?? [], createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'channel.created', objectType: 'channel', objectId: row!.id, after: { network: row!.network, name: row!.name } }, now);
      return row!;
    });
    return reply.code(201).send(presentChannel(c));
  });

  app.patch(`${base}/channels/:channelId`, { config: { access: { permission: 'channels.manage' } }, schema: { tags, params: channelParamsSchema, body: channelUpdateSchema, response: { 200: channelSchema } } }, async (req) => {
    const before = await loadChannel(ctx, workspaceOf(req).id, req.params.channelId);
    const now = ctx.clock.now();
    return db.transaction(async (tx) => {
      const [after] = await tx.update(channels).set({ ...req.body, updatedAt: now }).where(eq(channels.id, before.id)).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: before.workspaceId, action: 'channel.updated', objectType: 'channel', objectId: before.id, before: { name: before.name, maxConcurrency: before.maxConcurrency }, after: req.body }, now);
      return presentChannel(after!);
    });
  });

  // The composer offers this time: the channel's next default slot that no other post occupies.
  app.get(`${base}/channels/:channelId/next-slot`, { config: { access: { permission: 'posts.read' } }, schema: { tags, params: channelParamsSchema, response: { 200: nextSlotSchema } } }, async (req) => {
    const ch = await loadChannel(ctx, workspaceOf(req).id, req.params.channelId);
    const tz = await workspaceTimezone(db, ch.workspaceId);
    const now = ctx.clock.now();
    const horizon = new Date(now.getTime() + 29 * 86_400_000);
    const busy = await db.select({ at: publishTargets.scheduledAt }).from(publishTargets).where(and(
      eq(publishTargets.channelId, ch.id), gte(publishTargets.scheduledAt, now), lte(publishTargets.scheduledAt, horizon), notInArray(publishTargets.state, ['failed']),
    ));
    const slot = nextFreeSlot(ch.defaultSlots as Slot[], busy.flatMap((b) => (b.at ? [b.at] : [])), now, tz);
    return { channelId: ch.id, timezone: tz, slot: slot ? { at: slot.at.toISOString(), local: slot.local } : null, nowLocal: instantToZoned(now, tz) };
  });

  app.post(`${base}/channels/:channelId/connect/password`, { config: { access: { permission: 'channels.manage' } }, schema: { tags, params: channelParamsSchema, body: passwordConnectSchema, response: { 200: channelSchema } } }, async (req) => {
    const ch = await loadChannel(ctx, workspaceOf(req).id, req.params.channelId);
    return presentChannel(await connectWithPassword(ctx, actorOf(req), ch, req.body));
  });

  app.post(`${base}/channels/:channelId/connect/oauth`, { config: { access: { permission: 'channels.manage' } }, schema: { tags, params: channelParamsSchema, body: oauthStartSchema, response: { 200: oauthStartResponseSchema } } }, async (req) => {
    const ch = await loadChannel(ctx, workspaceOf(req).id, req.params.channelId);
    return { authorizeUrl: await startOAuth(ctx, actorOf(req), ch, req.body.instanceUrl) };
  });

  // The browser returns here from the instance (top-level GET: the Lax session cookie is sent).
  // The instance sends the browser here after authorisation: a browser (Accept: text/html) is sent on
  // to the channels page with the outcome in the query; API clients get the channel as JSON.
  app.get(`${base}/channels/oauth/callback`, { config: { access: { permission: 'channels.manage' } }, schema: { tags, params: workspaceParamsSchema, querystring: oauthCallbackQuerySchema, response: { 200: channelSchema } } }, async (req, reply) => {
    const browser = String(req.headers.accept ?? '').includes('text/html');
    if (!browser) return presentChannel(await completeOAuth(ctx, actorOf(req), workspaceOf(req).id, req.query));
    try {
      const ch = await completeOAuth(ctx, actorOf(req), workspaceOf(req).id, req.query);
      return reply.redirect(`/calendar/channels?connected=${encodeURIComponent(ch.id)}`, 303);
    } catch (err) {
      const code = err instanceof HttpError ? err.code : 'oauth_failed';
      req.log.warn({ err }, 'mastodon oauth callback failed');
      return reply.redirect(`/calendar/channels?error=${encodeURIComponent(code)}`, 303);
    }
  });

  for (const [path, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(`${base}/channels/:channelId/${path}`, { config: { access: { permission: 'publishing.pause' } }, schema: { tags, params: channelParamsSchema, response: { 200: overdueListSchema } } }, async (req) => {
      const ws = workspaceOf(req).id;
      return db.transaction(async (tx) => {
        await setChannelPaused(tx, actorOf(req), ws, req.params.channelId, paused, ctx.clock.now());
        return { items: (await listOverdue(tx, ws)).filter((o) => o.channelId === req.params.channelId).map((o) => ({ ...o, scheduledAt: iso(o.scheduledAt) })) };
      });
    });
    app.post(`${base}/publishing/${path}`, { config: { access: { permission: 'publishing.pause' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: overdueListSchema } } }, async (req) => {
      const ws = workspaceOf(req).id;
      return db.transaction(async (tx) => {
        await setWorkspacePaused(tx, actorOf(req), ws, paused, ctx.clock.now());
        return { items: (await listOverdue(tx, ws)).map((o) => ({ ...o, scheduledAt: iso(o.scheduledAt) })) };
      });
    });
  }

  app.get(`${base}/publishing/settings`, { config: { access: { permission: 'posts.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: publishingSettingsSchema } } }, async (req) => {
    const s = await settingsOf(db, workspaceOf(req).id);
    return { paused: s.paused, pausedAt: iso(s.pausedAt), lateApproval: s.lateApproval as 'expire', altTextRequired: s.altTextRequired };
  });
  app.patch(`${base}/publishing/settings`, { config: { access: { permission: 'workspace.update' } }, schema: { tags, params: workspaceParamsSchema, body: publishingSettingsUpdateSchema, response: { 200: publishingSettingsSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    await db.transaction((tx) => updateSettings(tx, actorOf(req), ws, req.body, ctx.clock.now()));
    const s = await settingsOf(db, ws);
    return { paused: s.paused, pausedAt: iso(s.pausedAt), lateApproval: s.lateApproval as 'expire', altTextRequired: s.altTextRequired };
  });

  app.get(`${base}/approval-chains`, { config: { access: { permission: 'posts.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(approvalChainSchema) }) } } }, async (req) => {
    const rows = await db.select().from(approvalChains).where(eq(approvalChains.workspaceId, workspaceOf(req).id));
    const items = rows.map((r) => ({ id: r.id, channelId: r.channelId, steps: r.steps as z.infer<typeof approvalChainSchema>['steps'] }));
    if (!items.some((i) => i.channelId === null)) items.unshift({ id: null as unknown as string, channelId: null, steps: DEFAULT_CHAIN.map((s) => ({ ...s, roles: [...s.roles], userIds: [...s.userIds] })) as never });
    return { items };
  });
  app.put(`${base}/approval-chains`, { config: { access: { permission: 'workspace.update' } }, schema: { tags, params: workspaceParamsSchema, body: approvalChainPutSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const errors = validateChain(req.body.steps);
    if (errors.length) throw validationFailed(errors);
    if (req.body.channelId) await loadChannel(ctx, ws, req.body.channelId);
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      const scope = and(eq(approvalChains.workspaceId, ws), req.body.channelId ? eq(approvalChains.channelId, req.body.channelId) : undefined);
      const existing = (await tx.select().from(approvalChains).where(scope)).find((r) => r.channelId === req.body.channelId);
      if (existing) await tx.update(approvalChains).set({ steps: req.body.steps, updatedAt: now }).where(eq(approvalChains.id, existing.id));
      else await tx.insert(approvalChains).values({ workspaceId: ws, channelId: req.body.channelId, steps: req.body.steps, updatedAt: now });
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'approval_chain.updated', objectType: 'approval_chain', objectId: req.body.channelId ?? ws, before: existing ? { steps: existing.steps } : null, after: { steps: req.body.steps } }, now);
    });
    return { ok: true as const };
  });
}
