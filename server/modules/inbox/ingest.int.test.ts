/**
 * Ingestion through the worker with an in-memory network: items stored once with author, context,
 * language and sentiment; the cursor committed with them (a restart resumes, a replay adds
 * nothing); routing rules and the roster assign; SLA due dates; live events; one worker at a time.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { notifications } from '../notifications/notifications.schema.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { posts, publishTargets } from '../publishing/publishing.schema.ts';
import type { RealtimeEvent } from '../realtime/event-bus.ts';
import { rosterShifts } from '../roster/roster.schema.ts';
import { conversation } from './conversation.service.ts';
import { inboxAuthors, inboxCursors, inboxItems } from './inbox.schema.ts';
import { InboxIngestion } from './inbox.worker.ts';
import { createRule } from './rules.service.ts';
import { connectedChannel, createFakeInbound, inbound } from './test/fake-inbound.ts';

const t = await createTestApp();
afterAll(async () => t.close());
// Monday 2 March 2026, 09:00 in Berlin: inside the default service hours.
const monday = new Date('2026-03-02T08:00:00Z');
t.clock.set(monday);
const net = createFakeInbound();
setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? net.provider : undefined) });
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const cm = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
const duty = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
const channel = await connectedChannel(t.ctx.database, t.ctx.secrets, workspace.id);
const db = t.ctx.database.db;

async function tickOnce() {
  const w = new InboxIngestion(t.ctx, { tickMs: 60_000 });
  await w.tick();
  await w.stop();
}
const items = () => db.select().from(inboxItems).where(eq(inboxItems.workspaceId, workspace.id)).orderBy(inboxItems.receivedAt);

describe('inbox ingestion', () => {
  it('stores replies with author, context, language and sentiment, and links our post', async () => {
    const [post] = await db.insert(posts).values({ workspaceId: workspace.id, text: 'Neue Öffnungszeiten', contentHash: 'h' }).returning();
    const ourUri = 'at://did:plc:ours/app.bsky.feed.post/ours1';
    const [target] = await db.insert(publishTargets).values({ workspaceId: workspace.id, postId: post!.id, channelId: channel.id, state: 'published', remoteId: ourUri }).returning();
    const events: RealtimeEvent[] = [];
    await t.ctx.events.listening();
    const off = t.ctx.events.subscribe(workspace.id, (e) => events.push(e));
    const first = inbound({ text: 'Vielen Dank, das ist eine tolle und hilfreiche Nachricht!', languages: ['de'], ourPost: { id: ourUri, cid: 'c0' }, inReplyTo: { id: ourUri, cid: 'c0' }, createdAt: new Date(monday.getTime() - 60_000) });
    net.posted.push(first, inbound({ kind: 'reply', text: 'This is terrible, the office was closed again and nobody helps.', inReplyTo: { id: first.ref.id, cid: first.ref.cid }, author: { id: 'did:plc:bob', handle: '@bob.test', followerCount: 3 }, createdAt: monday }));
    await tickOnce();
    const [a, b] = await items();
    expect(a).toMatchObject({ kind: 'comment', language: 'de', sentiment: 1, status: 'new', publishTargetId: target!.id, rootExternalId: ourUri, conversationKey: ourUri });
    expect(b).toMatchObject({ kind: 'reply', language: 'en', sentiment: -1, parentExternalId: first.ref.id, conversationKey: ourUri });
    // The conversation view shows what the person answered: our post, as published.
    const conv = await db.transaction((tx) => conversation(t.ctx, tx, workspace.id, a!.id));
    expect(conv.ourPost).toEqual({ postId: post!.id, text: 'Neue Öffnungszeiten', url: null, publishedAt: null });
    const [author] = await db.select().from(inboxAuthors).where(eq(inboxAuthors.id, a!.authorId!));
    expect(author).toMatchObject({ handle: '@anna.test', displayName: 'Anna Beispiel', followerCount: 42 });
    // Default SLA: 60 service minutes from receipt.
    expect(b!.slaFirstDueAt?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    const [cur] = await db.select().from(inboxCursors).where(eq(inboxCursors.channelId, channel.id));
    expect(cur!.cursor).toBe('2');
    await new Promise((r) => setTimeout(r, 200));
    off();
    expect(events.filter((e) => e.type === 'inbox.item.created').map((e) => e.data?.id).sort()).toEqual([a!.id, b!.id].sort());
  });

  it('resumes from the stored cursor after a restart and stores a replayed batch only once', async () => {
    net.posted.push(inbound({ text: 'Noch eine Frage zum Antrag' }));
    await tickOnce();
    expect(net.reads.at(-1)).toBe('2');
    expect(await items()).toHaveLength(3);
    // The network delivers everything again (a lost cursor): nothing is stored twice.
    await db.update(inboxCursors).set({ cursor: '0' }).where(eq(inboxCursors.channelId, channel.id));
    await tickOnce();
    expect(await items()).toHaveLength(3);
    const [cur] = await db.select().from(inboxCursors).where(eq(inboxCursors.channelId, channel.id));
    expect(cur!.cursor).toBe('3');
  });

  it('keeps the cursor and records the error when the network fails', async () => {
    net.failNextRead = new Error('connect ECONNREFUSED') as never;
    net.posted.push(inbound({ text: 'Während der Störung geschrieben' }));
    await tickOnce();
    const [cur] = await db.select().from(inboxCursors).where(eq(inboxCursors.channelId, channel.id));
    expect(cur).toMatchObject({ cursor: '3', lastError: 'connect ECONNREFUSED' });
    await tickOnce();
    expect((await items()).map((i) => i.text)).toContain('Während der Störung geschrieben');
  });

  it('routes by query to a person, to whoever is on duty, sets priority and tags', async () => {
    const now = t.clock.now();
    await db.insert(rosterShifts).values({ workspaceId: workspace.id, duty: 'channel', channelId: channel.id, userId: duty.id, recurrence: 'once', startsAt: new Date(now.getTime() - 3600_000), endsAt: new Date(now.getTime() + 3600_000) });
    await db.transaction(async (tx) => {
      await createRule(tx, { userId: owner.id }, workspace.id, { name: 'Pass', conditions: { query: 'reisepass OR personalausweis' }, actions: { assign: { type: 'user', userId: cm.id }, tags: ['dokumente'] }, stop: true }, now);
      await createRule(tx, { userId: owner.id }, workspace.id, { name: 'Beschwerden', conditions: { sentiments: ['negative'] }, actions: { assign: { type: 'on_duty' }, priority: 'high', tags: ['beschwerde'] } }, now);
    });
    net.posted.push(
      inbound({ text: 'Wie lange dauert ein neuer Reisepass?' }),
      inbound({ text: 'Eine Frechheit, schon wieder ist alles kaputt und schlecht organisiert!' }),
    );
    await tickOnce();
    const all = await items();
    const pass = all.find((i) => i.text.includes('Reisepass'))!;
    const bad = all.find((i) => i.text.includes('Frechheit'))!;
    expect(pass).toMatchObject({ assigneeId: cm.id, status: 'assigned', tags: ['dokumente'], priority: 'normal' });
    expect(bad).toMatchObject({ assigneeId: duty.id, status: 'assigned', tags: ['beschwerde'], priority: 'high' });
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, duty.id), eq(notifications.kind, 'inbox.assigned')));
    expect(notes.map((n) => n.link)).toEqual([`/inbox/items/${bad.id}`]);
  });

  it('polls nothing while another worker holds the lock', async () => {
    const a = new InboxIngestion(t.ctx, { tickMs: 60_000 });
    await a.tick();
    const reads = net.reads.length;
    const b = new InboxIngestion(t.ctx, { tickMs: 60_000 });
    await b.tick();
    expect(net.reads.length).toBe(reads);
    await a.stop();
    await b.tick();
    expect(net.reads.length).toBe(reads + 1);
    await b.stop();
  });
});

describe('inbox ingestion by stream', () => {
  it('catches up by polling, then stores streamed items as they arrive, and polls again after the stream ends', async () => {
    const ws2 = await buildWorkspace(t.ctx.database);
    const live = createFakeInbound({ streaming: true, network: 'mastodon' });
    setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? net.provider : n === 'mastodon' ? live.provider : undefined) });
    const ch = await connectedChannel(t.ctx.database, t.ctx.secrets, ws2.workspace.id, 'mastodon', 'Mastodon');
    live.posted.push(inbound({ text: 'vor dem Start' }));
    const w = new InboxIngestion(t.ctx, { tickMs: 60_000 });
    await w.tick();
    const count = async () => (await db.select().from(inboxItems).where(eq(inboxItems.workspaceId, ws2.workspace.id))).length;
    expect(await count()).toBe(1);
    live.stream!.push([inbound({ text: 'live eins' }), inbound({ text: 'live zwei' })]);
    for (let i = 0; i < 50 && (await count()) < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await count()).toBe(3);
    const [cur] = await db.select().from(inboxCursors).where(eq(inboxCursors.channelId, ch.id));
    expect(cur!.cursor).toBe('3');
    live.stream!.end();
    await new Promise((r) => setTimeout(r, 100));
    await w.tick();
    expect(live.reads.at(-1)).toBe('3');
    await w.stop();
  });
});
