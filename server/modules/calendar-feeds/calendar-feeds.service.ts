/** Creating, rotating, revoking and serving secret iCal feeds. */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ical from 'ical-generator';
import { can, type Role } from '../../../common/permissions.ts';
import { sha256 } from '../../crypto/secrets.ts';
import type { Database } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { calendarFeeds } from './calendar-feeds.schema.ts';
import { feedBuilder } from './feed-registry.ts';

export const feedUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/api/v1/calendar-feeds/${token}.ics`;

/** Creates the member's feed of `kind`, replacing an older one (the old URL stops working). */
export async function rotateFeed(ctx: AppContext, actor: Actor, ws: { id: string; roles: Role[] }, kind: string): Promise<{ kind: string; url: string; createdAt: string }> {
  const b = feedBuilder(kind);
  if (!b) throw notFound('feed kind');
  if (!can(ws.roles, b.permission)) throw forbidden();
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [old] = await tx.delete(calendarFeeds).where(and(eq(calendarFeeds.workspaceId, ws.id), eq(calendarFeeds.userId, actor.userId!), eq(calendarFeeds.kind, kind))).returning({ id: calendarFeeds.id });
    const [row] = await tx.insert(calendarFeeds).values({ workspaceId: ws.id, userId: actor.userId!, kind, tokenHash: sha256(token), createdAt: now }).returning();
    await recordAudit(tx, actor, { workspaceId: ws.id, action: old ? 'calendar_feed.rotated' : 'calendar_feed.created', objectType: 'calendar_feed', objectId: row!.id, after: { kind } }, now);
  });
  return { kind, url: feedUrl(ctx, token), createdAt: now.toISOString() };
}

export async function revokeFeed(ctx: AppContext, actor: Actor, workspaceId: string, kind: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.delete(calendarFeeds).where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.userId, actor.userId!), eq(calendarFeeds.kind, kind))).returning();
    if (!row) throw notFound('calendar feed');
    await recordAudit(tx, actor, { workspaceId, action: 'calendar_feed.revoked', objectType: 'calendar_feed', objectId: row.id, before: { kind } }, now);
  });
}

export async function listFeeds(database: Database, workspaceId: string, userId: string) {
  const rows = await database.db.select().from(calendarFeeds).where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.userId, userId)));
  return rows.map((r) => ({ kind: r.kind, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt ? r.lastUsedAt.toISOString() : null }));
}

/**
 * The iCal text for a token, or null when the token is unknown or its owner lost the right to see
 * it (the same answer for both, so a URL reveals nothing about why it stopped working).
 */
export async function renderFeed(ctx: AppContext, token: string): Promise<string | null> {
  const { db } = ctx.database;
  const [f] = await db.select({ feed: calendarFeeds, roles: memberships.roles, locale: users.locale, wsName: workspaces.name })
    .from(calendarFeeds)
    .innerJoin(memberships, and(eq(memberships.workspaceId, calendarFeeds.workspaceId), eq(memberships.userId, calendarFeeds.userId)))
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(workspaces, eq(workspaces.id, calendarFeeds.workspaceId))
    .where(eq(calendarFeeds.tokenHash, sha256(token))).limit(1);
  const b = f ? feedBuilder(f.feed.kind) : undefined;
  if (!f || !b || !can(f.roles as string[], b.permission)) return null;
  const now = ctx.clock.now();
  const locale = f.locale === 'en' ? 'en' : 'de';
  const cal = ical({ name: `${b.title[locale]} – ${f.wsName}`, prodId: { company: 'Resonanz', product: 'Resonanz', language: locale.toUpperCase() }, ttl: 15 * 60 });
  await b.build(ctx, cal, { workspaceId: f.feed.workspaceId, userId: f.feed.userId, now, locale });
  // Calendar clients poll every few minutes; remember the last use at most every ten minutes.
  if (!f.feed.lastUsedAt || now.getTime() - f.feed.lastUsedAt.getTime() > 10 * 60_000) {
    await db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, f.feed.id));
  }
  return cal.toString();
}
