/**
 * The inbox API end to end over HTTP (inject): list filters, search and keyset pages; triage with
 * the version check; notes with @mentions; replying presence; saved replies with the tone default;
 * replies (length rule, thread refs, first response, failure and retry, approval chain); like.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { ProviderError } from '../../../providers/errors.ts';
import { notifications } from '../notifications/notifications.schema.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { strategyPlatforms } from '../strategy/strategy.schema.ts';
import { rosterAbsences } from '../roster/roster.schema.ts';
import { inboxItems, inboxSettings } from './inbox.schema.ts';
import { insertItem, upsertAuthor, type NewItem } from './item-store.ts';
import { connectedChannel, createFakeInbound } from './test/fake-inbound.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const now = new Date('2026-03-02T08:00:00Z');
t.clock.set(now);
const net = createFakeInbound();
setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? net.provider : undefined) });
const db = t.ctx.database.db;
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const cm = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
const editor = await buildMember(t.ctx.database, workspace.id, ['editor']);
const approver = await buildMember(t.ctx.database, workspace.id, ['approver']);
const analyst = await buildMember(t.ctx.database, workspace.id, ['analyst']);
const channel = await connectedChannel(t.ctx.database, t.ctx.secrets, workspace.id);
const ownerC = await loggedIn(t.app, owner.email);
const cmC = await loggedIn(t.app, cm.email);
const W = `/api/v1/workspaces/${workspace.id}/inbox`;

const authorId = await upsertAuthor(db, workspace.id, { network: 'bluesky', externalId: 'did:plc:anna', handle: '@anna.test', displayName: 'Anna Beispiel' }, now);
let seq = 0;
async function item(over: Partial<NewItem> = {}) {
  seq++;
  const { item: row } = await insertItem(db, {
    workspaceId: workspace.id, channelId: channel.id, network: 'bluesky', externalId: `at://did:plc:anna/app.bsky.feed.post/i${seq}`, externalCid: `cid${seq}`,
    rootExternalId: 'at://did:plc:ours/app.bsky.feed.post/root', rootCid: 'rootcid', kind: 'comment', text: `Frage ${seq}`, language: 'de',
    sentiment: 0, sentimentScore: 0, authorId, receivedAt: new Date(now.getTime() - seq * 60_000), ...over,
  }, now);
  return row;
}
const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);

describe('inbox list', () => {
  const h = (m: number) => new Date(now.getTime() + m * 60_000);
  let late: Awaited<ReturnType<typeof item>>, soon: Awaited<ReturnType<typeof item>>, done: Awaited<ReturnType<typeof item>>, neg: Awaited<ReturnType<typeof item>>;
  it('shows open items by SLA urgency by default, breached first, items without target last', async () => {
    late = await item({ text: 'Wann sind die Bürgerämter am Samstag geöffnet?', slaFirstDueAt: h(-10), tags: ['oeffnungszeiten'] });
    soon = await item({ text: 'Danke für die Info', sentiment: 1, slaFirstDueAt: h(30), assigneeId: cm.id, status: 'assigned' });
    done = await item({ text: 'Erledigt: Bürgeramt', status: 'done', slaFirstDueAt: h(5) });
    neg = await item({ text: 'This is awful service', language: 'en', sentiment: -1 });
    const r = await cmC.get(`${W}/items`);
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([late.id, soon.id, neg.id]);
    expect(r.body.items[0].sla).toMatchObject({ state: 'breached', dueAt: h(-10).toISOString() });
    expect(r.body.items[2].sla).toMatchObject({ state: 'ok', dueAt: null });
    expect(r.body.items[0].author).toMatchObject({ handle: '@anna.test', displayName: 'Anna Beispiel' });
  });

  it('filters by status, assignee, sentiment, language, tag, channel and SLA state', async () => {
    expect(ids(await cmC.get(`${W}/items?status=done`))).toEqual([done.id]);
    expect(ids(await cmC.get(`${W}/items?assignee=me`))).toEqual([soon.id]);
    expect(ids(await cmC.get(`${W}/items?assignee=none`))).toEqual([late.id, neg.id]);
    expect(ids(await cmC.get(`${W}/items?sentiment=negative`))).toEqual([neg.id]);
    expect(ids(await cmC.get(`${W}/items?language=en`))).toEqual([neg.id]);
    expect(ids(await cmC.get(`${W}/items?tag=oeffnungszeiten`))).toEqual([late.id]);
    expect(ids(await cmC.get(`${W}/items?sla=breached`))).toEqual([late.id]);
    expect(ids(await cmC.get(`${W}/items?channelId=${channel.id}&status=new,assigned,waiting,done,spam&sort=newest`))).toEqual([late.id, soon.id, done.id, neg.id]);
  });

  it('searches German inflections and exact words', async () => {
    expect(ids(await cmC.get(`${W}/items?q=${encodeURIComponent('Bürgeramt')}&status=new,done`)).sort()).toEqual([late.id, done.id].sort());
    expect(ids(await cmC.get(`${W}/items?q=awful`))).toEqual([neg.id]);
    expect(ids(await cmC.get(`${W}/items?q=${encodeURIComponent('"Samstag geöffnet"')}`))).toEqual([late.id]);
  });

  it('pages with keyset cursors without repeats, and refuses a forged cursor naming the field', async () => {
    for (let i = 0; i < 7; i++) await item({ text: `Seite ${i}`, slaFirstDueAt: h(100 + i) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { id: string }[]; nextCursor: string | null } } = await cmC.get(`${W}/items?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(r));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const bad = await cmC.get(`${W}/items?cursor=bm9wZQ`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.cursor');
    expect((await cmC.get(`${W}/items?status=open`)).status).toBe(400);
  });

  it('serves identical concurrent requests from one query, never older than the request', async () => {
    const solo = await cmC.get(`${W}/items`);
    // Hold each list query's answer (after PostgreSQL took its snapshot) so requests pile up behind it.
    const pool = t.ctx.database.pool;
    const orig = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
    const listed: string[] = [];
    (pool as { query: unknown }).query = async (...a: unknown[]) => {
      const q = a[0] as { name?: string };
      const r = await orig(...a);
      if (typeof q === 'object' && q.name?.startsWith('inbox_list_')) {
        listed.push(q.name);
        await new Promise((res) => setTimeout(res, 500));
      }
      return r;
    };
    try {
      const herd = await Promise.all(Array.from({ length: 8 }, () => cmC.get(`${W}/items`)));
      expect(herd.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(new Set(herd.map((r) => r.text))).toEqual(new Set([solo.text])); // same as a request on its own
      expect(listed.length).toBe(2); // the first request's run, and one shared by the seven behind it

      // A change committed while a run is in flight is in the answer to every request after it.
      listed.length = 0;
      const before = cmC.get(`${W}/items`);
      while (listed.length === 0) await new Promise((res) => setTimeout(res, 5)); // its snapshot is taken
      expect((await cmC.patch(`${W}/items/${neg.id}`, { status: 'done' })).status).toBe(200);
      const after = await cmC.get(`${W}/items`);
      const seenBefore = ids(await before);
      expect(seenBefore).toContain(neg.id); // arrived before the change
      expect(ids(after)).toEqual(seenBefore.filter((id) => id !== neg.id));
      expect(listed.length).toBe(2);
      // Per-user views stay apart while they overlap.
      const [mine, owners] = await Promise.all([cmC.get(`${W}/items?assignee=me`), ownerC.get(`${W}/items?assignee=me`)]);
      expect(ids(mine)).toEqual([soon.id]);
      expect(ids(owners)).toEqual([]);
    } finally {
      (pool as { query: unknown }).query = orig;
      await cmC.patch(`${W}/items/${neg.id}`, { status: 'new' });
    }
  });

  it('is closed to members without inbox permission', async () => {
    expect((await (await loggedIn(t.app, editor.email)).get(`${W}/items`)).status).toBe(403);
  });
});

describe('triage', () => {
  it('assigns (status follows), notifies, refuses stale versions and non-workers, stops the clock on done', async () => {
    const it1 = await item({ text: 'Zuweisen bitte' });
    const r = await ownerC.patch(`${W}/items/${it1.id}`, { assigneeId: cm.id, version: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'assigned', assigneeId: cm.id, version: 2 });
    const [n] = await db.select().from(notifications).where(eq(notifications.objectId, it1.id));
    expect(n).toMatchObject({ userId: cm.id, kind: 'inbox.assigned' });
    expect((await cmC.patch(`${W}/items/${it1.id}`, { priority: 'high', version: 1 })).status).toBe(409);
    const nonWorker = await cmC.patch(`${W}/items/${it1.id}`, { assigneeId: analyst.id });
    expect(nonWorker.status).toBe(400);
    expect(nonWorker.body.errors[0].path).toBe('body.assigneeId');
    const closed = await cmC.patch(`${W}/items/${it1.id}`, { status: 'done', tags: ['erledigt', 'erledigt'] });
    expect(closed.body).toMatchObject({ status: 'done', tags: ['erledigt'] });
    expect(closed.body.resolvedAt).toBe(t.clock.now().toISOString());
    expect((await cmC.patch(`${W}/items/${it1.id}`, { status: 'waiting' })).body.resolvedAt).toBeNull();
    const other = await buildWorkspace(t.ctx.database);
    const foreign = await loggedIn(t.app, other.owner.email);
    expect((await foreign.patch(`/api/v1/workspaces/${other.workspace.id}/inbox/items/${it1.id}`, { status: 'done' })).status).toBe(404);
    expect((await foreign.get(`/api/v1/workspaces/${other.workspace.id}/inbox/items/${it1.id}`)).status).toBe(404);
  });

  it('writes notes and notifies @mentioned members by name', async () => {
    const it1 = await item({ text: 'Notiz' });
    const r = await cmC.post(`${W}/items/${it1.id}/notes`, { body: `Bitte prüfen, @${owner.name}` });
    expect(r.status).toBe(201);
    expect(r.body.mentions).toEqual([owner.id]);
    const conv = await cmC.get(`${W}/items/${it1.id}`);
    expect(conv.body.notes.map((x: { body: string }) => x.body)).toEqual([`Bitte prüfen, @${owner.name}`]);
    const [n] = await db.select().from(notifications).where(eq(notifications.kind, 'inbox.mention'));
    expect(n!.userId).toBe(owner.id);
  });

  it('shows who is replying to the others until they stop', async () => {
    const it1 = await item({ text: 'Kollision' });
    expect((await cmC.post(`${W}/items/${it1.id}/presence`, { replying: true })).body.replying).toEqual([]);
    const seenByOwner = await ownerC.post(`${W}/items/${it1.id}/presence`, { replying: true });
    expect(seenByOwner.body.replying).toEqual([cm.id]);
    const list = await ownerC.get(`${W}/items?q=Kollision`);
    expect(list.body.items[0].replying.sort()).toEqual([cm.id, owner.id].sort());
    await cmC.post(`${W}/items/${it1.id}/presence`, { replying: false });
    t.clock.advance(31_000);
    expect((await ownerC.get(`${W}/items/${it1.id}`)).body.item.replying).toEqual([]);
  });
});

describe('saved replies', () => {
  it('refuses unknown variables and picks du or Sie by the tone rules', async () => {
    const bad = await cmC.post(`${W}/saved-replies`, { title: 'Dank', language: 'de', address: 'sie', body: 'Hallo {{autor}}' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.body' });
    for (const [address, body] of [['sie', 'Vielen Dank, {{author_name}}! Ihr Team von {{channel}}'], ['du', 'Danke dir, {{author_name}}! Dein Team von {{channel}}']] as const) {
      expect((await cmC.post(`${W}/saved-replies`, { title: 'Dank', language: 'de', address, body, groupKey: 'dank' })).status).toBe(201);
    }
    const it1 = await item({ text: 'Toll!' });
    const sie = await cmC.get(`${W}/items/${it1.id}/saved-replies`);
    expect(sie.body).toMatchObject({ address: 'sie', addressSource: 'workspace' });
    expect(sie.body.items[0]).toMatchObject({ isDefault: true, rendered: 'Vielen Dank, Anna Beispiel! Ihr Team von Bluesky Stadt' });
    await db.insert(strategyPlatforms).values({ workspaceId: workspace.id, network: 'bluesky', channelId: channel.id, tone: 'du, locker und nahbar' });
    const du = await cmC.get(`${W}/items/${it1.id}/saved-replies`);
    expect(du.body).toMatchObject({ address: 'du', addressSource: 'platform' });
    expect(du.body.items[0].rendered).toBe('Danke dir, Anna Beispiel! Dein Team von Bluesky Stadt');
    await db.delete(strategyPlatforms).where(eq(strategyPlatforms.channelId, channel.id));
  });
});

describe('replies', () => {
  it('refuses a reply longer than the network allows, sending nothing', async () => {
    const it1 = await item({ text: 'Lang' });
    const r = await cmC.post(`${W}/items/${it1.id}/replies`, { text: 'ä'.repeat(301) });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'text_too_long' });
    expect(r.body.errors[0].path).toBe('body.text');
    expect(net.replies).toHaveLength(0);
  });

  it('replies in the thread (root and parent), records the first response and lets the item wait', async () => {
    const it1 = await item({ text: 'Antwort bitte' });
    const r = await cmC.post(`${W}/items/${it1.id}/replies`, { text: 'Gern geschehen!' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'sent', remoteUrl: expect.stringContaining('bsky.app') });
    expect(net.replies.at(-1)!.to).toEqual({ id: it1.externalId, cid: it1.externalCid, root: { id: 'at://did:plc:ours/app.bsky.feed.post/root', cid: 'rootcid' } });
    expect(net.replies.at(-1)!.req.targetId).toBe(`inbox-reply:${r.body.id}`);
    const [after] = await db.select().from(inboxItems).where(eq(inboxItems.id, it1.id));
    expect(after).toMatchObject({ status: 'waiting', assigneeId: cm.id });
    expect(after!.firstResponseAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('keeps a failed reply for a retry with the same id', async () => {
    const it1 = await item({ text: 'Fehler' });
    net.failNextReply = new ProviderError({ kind: 'retry', network: 'bluesky', message: 'PDS unreachable' });
    const r = await cmC.post(`${W}/items/${it1.id}/replies`, { text: 'Wir kümmern uns.' });
    expect(r.body).toMatchObject({ state: 'failed', errorKind: 'retry', lastError: 'PDS unreachable' });
    const retry = await cmC.post(`${W}/replies/${r.body.id}/retry`, {});
    expect(retry.body.state).toBe('sent');
    expect(net.replies.at(-1)!.req.targetId).toBe(`inbox-reply:${r.body.id}`);
    expect((await cmC.post(`${W}/replies/${r.body.id}/retry`, {})).status).toBe(409);
  });

  it('sends a reply only after the approval chain when the workspace requires it (four-eyes)', async () => {
    await db.insert(inboxSettings).values({ workspaceId: workspace.id, replyApprovalRequired: true });
    const it1 = await item({ text: 'Freigabe' });
    const sent = net.replies.length;
    const r = await cmC.post(`${W}/items/${it1.id}/replies`, { text: 'Antwort zur Freigabe' });
    expect(r.body).toMatchObject({ state: 'in_review', approval: null });
    expect(net.replies.length).toBe(sent);
    const conv = await cmC.get(`${W}/items/${it1.id}`);
    expect(conv.body.replies[0].approval).toMatchObject({ complete: false, pendingStep: 0 });
    expect((await cmC.post(`${W}/replies/${r.body.id}/decision`, { decision: 'approved' })).status).toBe(403);
    const ed = await loggedIn(t.app, editor.email);
    expect((await ed.get(`${W}/replies/pending`)).body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    expect((await ed.post(`${W}/replies/${r.body.id}/decision`, { decision: 'approved' })).body.state).toBe('in_review');
    const ap = await loggedIn(t.app, approver.email);
    const final = await ap.post(`${W}/replies/${r.body.id}/decision`, { decision: 'approved' });
    expect(final.body.state).toBe('sent');
    expect(net.replies.at(-1)!.req.text).toBe('Antwort zur Freigabe');
    const rejected = await cmC.post(`${W}/items/${it1.id}/replies`, { text: 'Zweiter Versuch' });
    expect((await ap.post(`${W}/replies/${rejected.body.id}/decision`, { decision: 'rejected', comment: 'Ton passt nicht' })).body.state).toBe('rejected');
    expect((await ap.post(`${W}/replies/${rejected.body.id}/decision`, { decision: 'approved' })).status).toBe(409);
    await db.delete(inboxSettings).where(eq(inboxSettings.workspaceId, workspace.id));
  });

  it('likes once and boosts through the provider', async () => {
    const it1 = await item({ text: 'Like' });
    expect((await cmC.post(`${W}/items/${it1.id}/like`, {})).body.state).toBe('sent');
    expect((await cmC.post(`${W}/items/${it1.id}/like`, {})).status).toBe(409);
    expect((await cmC.post(`${W}/items/${it1.id}/boost`, {})).body.state).toBe('sent');
    expect(net.likes.map((l) => l.id)).toEqual([it1.externalId]);
    expect(net.boosts.map((l) => l.id)).toEqual([it1.externalId]);
  });
});

describe('absent assignee', () => {
  it('the conversation says the assignee is away, until when and who stands in', async () => {
    const away = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
    const stand = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
    const it1 = await item({ assigneeId: away.id, status: 'assigned' });
    expect((await cmC.get(`${W}/items/${it1.id}`)).body.assigneeAbsence).toBeNull();
    const at = t.clock.now();
    const until = new Date(at.getTime() + 2 * 86_400_000);
    await db.insert(rosterAbsences).values({ workspaceId: workspace.id, userId: away.id, substituteId: stand.id, startsAt: new Date(at.getTime() - 3_600_000), endsAt: until });
    expect((await cmC.get(`${W}/items/${it1.id}`)).body.assigneeAbsence).toEqual({ until: until.toISOString(), substituteId: stand.id });
    // Done items do not nag.
    const it2 = await item({ assigneeId: away.id, status: 'done', resolvedAt: at });
    expect((await cmC.get(`${W}/items/${it2.id}`)).body.assigneeAbsence).toBeNull();
  });
});
