/** Secret iCal feeds: the editorial plan as text/calendar, rotation, revocation, and loss of access. */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { channels, posts, publishTargets } from '../publishing/publishing.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { calendarFeeds } from './calendar-feeds.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace } = await buildWorkspace(t.ctx.database);
const editor = await buildMember(t.ctx.database, workspace.id, ['editor']);
const employee = await buildMember(t.ctx.database, workspace.id, ['employee']);
const base = `/api/v1/workspaces/${workspace.id}/calendar-feeds`;

const [ch] = await db.insert(channels).values({ workspaceId: workspace.id, network: 'bluesky', name: 'Amt auf Bluesky' }).returning();
// 09:00 Berlin on the Monday after the switch to summer time = 07:00Z.
const at = new Date(Date.UTC(2026, 2, 30, 7, 0));
const [p] = await db.insert(posts).values({ workspaceId: workspace.id, text: 'Neue Förderrichtlinie: Was sich ändert\nMehr dazu im Blog', contentHash: 'h', scheduledAt: at, campaign: 'Förderung 2026' }).returning();
await db.insert(publishTargets).values({ workspaceId: workspace.id, postId: p!.id, channelId: ch!.id, state: 'scheduled', scheduledAt: at });
t.clock.set(new Date(Date.UTC(2026, 2, 20, 12)));

const fileOf = (url: string) => new URL(url).pathname;

describe('calendar feeds', () => {
  it('serves the editorial plan as iCal with UTC times, channels, state and a link', async () => {
    const c = new TestClient(t.app);
    await c.login(editor.email);
    const created = await c.post(base, { kind: 'plan' });
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const anon = new TestClient(t.app);
    const feed = await anon.get(fileOf(created.body.url));
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const ics = feed.text.replace(/\r\n[ \t]/g, '');
    expect(ics).toMatch(/BEGIN:VCALENDAR/);
    expect(ics).toContain('DTSTART:20260330T070000Z');
    expect(ics).toContain('SUMMARY:Neue Förderrichtlinie: Was sich ändert [bluesky]');
    expect(ics).toContain('Amt auf Bluesky (bluesky): Geplant');
    expect(ics).toContain(`/calendar/posts/${p!.id}`);
    expect(ics).toContain('STATUS:CONFIRMED');
    // Only the hash of the token is stored.
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, editor.id));
    expect(created.body.url).not.toContain(row!.tokenHash);
    const list = (await c.get(base)).body;
    expect(list.items).toEqual([{ kind: 'plan', createdAt: expect.any(String), lastUsedAt: expect.any(String) }]);
    expect(list.available.map((a: { kind: string }) => a.kind)).toContain('plan');
  });

  it('rotating replaces the URL; revoking ends it; unknown tokens and kinds are 404', async () => {
    const c = new TestClient(t.app);
    await c.login(editor.email);
    const first = (await c.post(base, { kind: 'plan' })).body.url;
    const second = (await c.post(base, { kind: 'plan' })).body.url;
    const anon = new TestClient(t.app);
    expect((await anon.get(fileOf(first))).status).toBe(404);
    expect((await anon.get(fileOf(second))).status).toBe(200);
    expect((await c.delete(`${base}/plan`)).status).toBe(200);
    expect((await anon.get(fileOf(second))).status).toBe(404);
    expect((await c.delete(`${base}/plan`)).status).toBe(404);
    expect((await c.post(base, { kind: 'nonsense' })).status).toBe(404);
    expect((await anon.get('/api/v1/calendar-feeds/not-a-feed')).status).toBe(400);
  });

  it('is refused to a role without the plan permission and stops when the member loses it', async () => {
    const e = new TestClient(t.app);
    await e.login(employee.email);
    expect((await e.post(base, { kind: 'plan' })).status).toBe(403);
    expect((await e.get(base)).body.available.map((a: { kind: string }) => a.kind)).not.toContain('plan');
    const c = new TestClient(t.app);
    await c.login(editor.email);
    const url = (await c.post(base, { kind: 'plan' })).body.url;
    await db.update(memberships).set({ roles: ['employee'] }).where(eq(memberships.userId, editor.id));
    expect((await new TestClient(t.app).get(fileOf(url))).status).toBe(404);
    await db.update(memberships).set({ roles: ['editor'] }).where(eq(memberships.userId, editor.id));
    expect((await new TestClient(t.app).get(fileOf(url))).status).toBe(200);
  });
});
