/**
 * Moderation by netiquette against real PostgreSQL with a counting network: clause and reason
 * required (400 naming the field), a ban by a role that may not ban (403) — in both cases nothing
 * reaches the network; evidence stored before the call; four-eyes confirmation; local-only actions;
 * the immutable record; statistics, CSV, PDF; appeals; rule suggestions and opt-in auto-hide.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn, TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { inboxItems } from '../inbox/inbox.schema.ts';
import { insertItem, upsertAuthor } from '../inbox/item-store.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { setModerationNetwork, type NetworkCall } from './moderation-network.ts';
import { moderationActions } from './moderation.schema.ts';
import { moderationScanTick } from './moderation-rules.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = workspace.id;
const cm = await buildMember(t.ctx.database, ws, ['community_manager']);
const cvd = await buildMember(t.ctx.database, ws, ['duty_editor']);
const cvd2 = await buildMember(t.ctx.database, ws, ['duty_editor']);
const [bsky] = await db.insert(channels).values({ workspaceId: ws, network: 'bluesky', name: 'Amt auf Bluesky', status: 'connected' }).returning();
const [masto] = await db.insert(channels).values({ workspaceId: ws, network: 'mastodon', name: 'Amt auf Mastodon', status: 'connected' }).returning();

// The network: counts calls, can do what the real providers declare.
const calls: { channelId: string; call: NetworkCall }[] = [];
let failNext: Error | null = null;
setModerationNetwork(t.ctx, {
  operations: (_ctx, network) => (network === 'bluesky' ? ['hide', 'unhide', 'block', 'unblock', 'report'] : network === 'mastodon' ? ['block', 'unblock', 'mute', 'report'] : []),
  async run(_ctx, channelId, call) {
    // Evidence exists before the network is called.
    const n = await db.select({ c: sql<number>`count(*)::int` }).from(moderationActions);
    if (n[0]!.c === 0) throw new Error('no record before the network call');
    if (failNext) { const e = failNext; failNext = null; throw e; }
    calls.push({ channelId, call });
    return call.op === 'report' ? { reportId: 'r-1' } : {};
  },
});

const troll = await upsertAuthor(db, ws, { network: 'bluesky', externalId: 'did:plc:troll', handle: 'troll.bsky.social', displayName: 'Der Troll' }, new Date());
let n = 0;
async function item(channel: typeof bsky, text: string, authorId = troll) {
  const { item: row } = await insertItem(db, {
    workspaceId: ws, channelId: channel!.id, network: channel!.network, externalId: channel!.network === 'bluesky' ? `at://did:plc:troll/app.bsky.feed.post/${++n}` : String(1000 + ++n),
    externalCid: 'bafyrei', kind: 'comment', text, language: 'de', sentiment: -1, sentimentScore: -0.8, authorId,
    rootExternalId: 'at://did:plc:amt/app.bsky.feed.post/root', rootCid: 'bafyroot', url: 'https://bsky.app/profile/troll/post/1', receivedAt: new Date('2025-03-03T09:00:00Z'),
  }, new Date());
  return row;
}

const base = `/api/v1/workspaces/${ws}/moderation`;
const boss = await loggedIn(t.app, cvd.email);
const boss2 = await loggedIn(t.app, cvd2.email);
const community = await loggedIn(t.app, cm.email);
let insult: string;
let spam: string;

describe('netiquette', () => {
  it('clauses in German and English, published as a version, shown on the public page', async () => {
    const a = await boss.post(`${base}/netiquette/clauses`, { code: 'insult', category: 'insult', titleDe: 'Beleidigungen', titleEn: 'Insults', bodyDe: 'Wir entfernen Beleidigungen.', bodyEn: 'We remove insults.' });
    expect(a.status).toBe(201);
    insult = a.body.id;
    spam = (await boss.post(`${base}/netiquette/clauses`, { code: 'spam', category: 'spam', titleDe: 'Werbung und Spam', titleEn: 'Advertising and spam', bodyDe: 'Keine Werbung.', bodyEn: 'No advertising.' })).body.id;
    expect((await boss.post(`${base}/netiquette/clauses`, { code: 'insult', category: 'other', titleDe: 'x', titleEn: 'x', bodyDe: 'x', bodyEn: 'x' })).body.errors[0].path).toBe('body.code');
    expect((await community.post(`${base}/netiquette/clauses`, { code: 'x1', category: 'other', titleDe: 'x', titleEn: 'x', bodyDe: 'x', bodyEn: 'x' })).status).toBe(403);
    await boss.patch(`${base}/netiquette`, { introDe: 'Wir freuen uns über Ihre Beiträge.', introEn: 'We welcome your posts.' });
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/v1/public/netiquette/${workspace.slug}`)).status).toBe(404); // nothing published yet
    const pub = await boss.post(`${base}/netiquette/publish`);
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe(1);
    expect((await boss.post(`${base}/netiquette/publish`)).status).toBe(409);
    const de = await anon.get(`/api/v1/public/netiquette/${workspace.slug}`);
    expect(de.body).toMatchObject({ version: 1, intro: 'Wir freuen uns über Ihre Beiträge.', clauses: [{ number: 1, title: 'Beleidigungen' }, { number: 2, title: 'Werbung und Spam' }], otherLanguage: 'en' });
    const en = await anon.get(`/api/v1/public/netiquette/${workspace.slug}?lang=en`);
    expect(en.body.clauses[0]).toMatchObject({ title: 'Insults', body: 'We remove insults.' });
    // Editing the draft does not change the public page until it is published again.
    await boss.put(`${base}/netiquette/clauses/${insult}`, { code: 'insult', category: 'insult', titleDe: 'Beleidigungen und Herabwürdigungen', titleEn: 'Insults', bodyDe: 'Wir entfernen Beleidigungen.', bodyEn: 'We remove insults.' });
    expect((await anon.get(`/api/v1/public/netiquette/${workspace.slug}`)).body.clauses[0].title).toBe('Beleidigungen');
    expect((await boss.get(`${base}/netiquette`)).body.unpublishedChanges).toBe(true);
  });
});

describe('moderation actions', () => {
  it('without a clause or reason: 400 naming the fields, nothing stored, nothing sent', async () => {
    const it1 = await item(bsky, 'Ihr seid alle Idioten');
    const r = await community.post(`${base}/actions`, { action: 'hide', itemId: it1.id });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.clauseId', 'body.reason']);
    const unknown = await community.post(`${base}/actions`, { action: 'hide', itemId: it1.id, clauseId: '00000000-0000-4000-8000-000000000000', reason: 'x' });
    expect(unknown.body.errors[0].path).toBe('body.clauseId');
    expect(calls).toHaveLength(0);
    expect(await db.select().from(moderationActions)).toHaveLength(0);
  });

  it('a ban by a role that may not ban: 403, nothing stored, nothing sent', async () => {
    const it1 = await item(bsky, 'Nochmal: Idioten');
    const r = await community.post(`${base}/actions`, { action: 'block', itemId: it1.id, clauseId: insult, reason: 'Wiederholte Beleidigung' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('ban_not_allowed');
    expect(calls).toHaveLength(0);
    expect(await db.select().from(moderationActions)).toHaveLength(0);
  });

  it('hides an insulting Bluesky reply on the network with evidence and marks the item', async () => {
    const it1 = await item(bsky, 'Ihr Behördenhengste seid zu dumm zum Lesen');
    const r = await community.post(`${base}/actions`, { action: 'hide', itemId: it1.id, clauseId: insult, reason: 'Herabwürdigung der Mitarbeitenden' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ action: 'hide', status: 'executed', scope: 'network', clauseCode: 'insult', netiquetteVersion: 1, actorName: cm.name });
    expect(r.body.evidence).toMatchObject({ text: 'Ihr Behördenhengste seid zu dumm zum Lesen', authorHandle: 'troll.bsky.social', authorName: 'Der Troll', link: 'https://bsky.app/profile/troll/post/1', postedAt: '2025-03-03T09:00:00.000Z' });
    expect(r.body.evidence.item.externalId).toBe(it1.externalId);
    expect(r.body.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.events.map((e: { kind: string }) => e.kind)).toEqual(['requested', 'executed']);
    expect(calls.at(-1)).toEqual({ channelId: bsky!.id, call: { op: 'hide', target: { ref: { id: it1.externalId, cid: 'bafyrei' }, root: { id: 'at://did:plc:amt/app.bsky.feed.post/root', cid: 'bafyroot' } } } });
    const [stored] = await db.select().from(inboxItems).where(eq(inboxItems.id, it1.id));
    expect(stored!.moderationState).toBe('hidden');
    expect(stored!.hiddenAt).not.toBeNull();
  });

  it('what Mastodon cannot do (hide or delete someone else’s reply) is done in Resonanz only', async () => {
    const m = await item(masto, 'Kauft billige Uhren!');
    const before = calls.length;
    const r = await community.post(`${base}/actions`, { action: 'delete', itemId: m.id, clauseId: spam, reason: 'Werbung' });
    expect(r.body).toMatchObject({ status: 'local_only', scope: 'local' });
    const h = await community.post(`${base}/actions`, { action: 'hide', itemId: m.id, clauseId: spam, reason: 'Werbung' });
    expect(h.body).toMatchObject({ status: 'local_only', scope: 'local' });
    expect(calls.length).toBe(before);
    const ladder = await community.get(`${base}/items/${m.id}/ladder`);
    expect(ladder.body.operations).toEqual(['block', 'unblock', 'mute', 'report']);
  });

  it('a network failure is recorded as failed, the item is still moderated locally, and can be retried', async () => {
    const it1 = await item(bsky, 'Werbung Werbung');
    failNext = new Error('PDS down');
    const r = await community.post(`${base}/actions`, { action: 'hide', itemId: it1.id, clauseId: spam, reason: 'Spam' });
    expect(r.body.status).toBe('failed');
    expect(r.body.statusDetail).toContain('PDS down');
    const again = await community.post(`${base}/actions/${r.body.id}/retry`);
    expect(again.body.status).toBe('executed');
  });

  it('warnings are counted per author and shown before a ban; a ban waits for a second person', async () => {
    const it1 = await item(bsky, 'Idioten!');
    for (let i = 0; i < 2; i++) expect((await community.post(`${base}/actions`, { action: 'warn', itemId: it1.id, clauseId: insult, reason: `Verwarnung ${i + 1}` })).body.status).toBe('local_only');
    const ladder = await boss.get(`${base}/items/${it1.id}/ladder`);
    expect(ladder.body).toMatchObject({ warnings: 2, warningsBeforeBan: 2, suggestBan: true });
    const before = calls.length;
    const ban = await boss.post(`${base}/actions`, { action: 'block', itemId: it1.id, clauseId: insult, reason: 'Dritte Beleidigung nach zwei Verwarnungen', alsoReport: true });
    expect(ban.body.status).toBe('awaiting_confirmation');
    expect(calls.length).toBe(before); // not executed yet
    expect((await boss.post(`${base}/actions/${ban.body.id}/confirm`, { decision: 'confirm' })).body.code).toBe('four_eyes');
    expect((await community.post(`${base}/actions/${ban.body.id}/confirm`, { decision: 'confirm' })).status).toBe(403);
    const ok = await boss2.post(`${base}/actions/${ban.body.id}/confirm`, { decision: 'confirm' });
    expect(ok.body.status).toBe('executed');
    expect(calls.slice(before).map((c) => c.call.op)).toEqual(['block', 'report']);
    expect(ok.body.events.map((e: { kind: string }) => e.kind)).toEqual(['requested', 'awaiting_confirmation', 'confirmed', 'executed']);
    expect((await boss2.post(`${base}/actions/${ban.body.id}/confirm`, { decision: 'confirm' })).status).toBe(409);
  });

  it('the record is immutable: UPDATE and DELETE are refused by the database', async () => {
    const refused = async (q: ReturnType<typeof sql>) => {
      const e = await db.execute(q).then(() => null, (x: unknown) => x as Error & { cause?: Error });
      return String(e?.cause?.message ?? e?.message);
    };
    expect(await refused(sql`UPDATE moderation_actions SET reason = 'geändert'`)).toMatch(/moderation_actions is append-only/);
    expect(await refused(sql`DELETE FROM moderation_actions`)).toMatch(/moderation_actions is append-only/);
    expect(await refused(sql`UPDATE moderation_events SET kind = 'x'`)).toMatch(/moderation_events is append-only/);
    expect((await db.select().from(moderationActions)).every((a) => a.reason !== 'geändert')).toBe(true);
  });
});

describe('record, statistics and exports', () => {
  it('filters by action and clause; statistics per clause and month answer "how many blocked and why"', async () => {
    const blocks = await boss.get(`${base}/actions?action=block`);
    expect(blocks.body.items).toHaveLength(1);
    expect((await boss.get(`${base}/actions?clauseId=${spam}`)).body.items.length).toBe(3);
    const now = t.clock.now();
    const month = now.toISOString().slice(0, 7);
    const stats = await boss.get(`${base}/stats?from=${month}-01&to=${new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10)}&action=block`);
    expect(stats.body.rows).toEqual([{ month, action: 'block', clauseCode: 'insult', clauseTitle: 'Beleidigungen und Herabwürdigungen', count: 1, accounts: 1 }]);
    expect(stats.body.totals).toEqual({ actions: 1, accounts: 1 });
  });

  it('exports CSV and PDF', async () => {
    const csv = await boss.get(`${base}/actions.csv?action=hide`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('Ihr Behördenhengste seid zu dumm zum Lesen');
    const today = new Date().toISOString().slice(0, 10);
    const pdf = await t.app.inject({ method: 'GET', url: `${base}/actions.pdf?from=2000-01-01&to=${today}`, headers: { cookie: boss.cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('appeals', () => {
  it('a reversal rests on the original clause even when that clause has been retired since', async () => {
    const old = (await boss.post(`${base}/netiquette/clauses`, { code: 'old-rule', category: 'other', titleDe: 'Alte Regel', titleEn: 'Old rule', bodyDe: 'Alt.', bodyEn: 'Old.' })).body.id;
    const it1 = await item(bsky, 'Ein Beitrag, der nach alter Regel verborgen wurde');
    // A clause only in the draft cannot be cited: actions rest on the published netiquette.
    const draft = await community.post(`${base}/actions`, { action: 'hide', itemId: it1.id, clauseId: old, reason: 'nach alter Regel' });
    expect([draft.status, draft.body.code, draft.body.errors[0].path]).toEqual([400, 'clause_unpublished', 'body.clauseId']);
    expect((await boss.get(`${base}/netiquette`)).body.clauses.find((c: { id: string }) => c.id === old).published).toBe(false);
    expect((await boss.post(`${base}/netiquette/publish`)).status).toBe(201);
    expect((await boss.get(`${base}/netiquette`)).body.clauses.find((c: { id: string }) => c.id === old).published).toBe(true);
    const hidden = await community.post(`${base}/actions`, { action: 'hide', itemId: it1.id, clauseId: old, reason: 'nach alter Regel' });
    expect(hidden.body.status).toBe('executed');
    expect((await boss.delete(`${base}/netiquette/clauses/${old}`)).status).toBe(200);
    const appeal = await community.post(`${base}/actions/${hidden.body.id}/appeals`, { channel: 'email', request: 'Die Regel gibt es nicht mehr.' });
    const own = await loggedIn(t.app, owner.email);
    expect((await own.post(`${base}/appeals/${appeal.body.id}/decide`, { outcome: 'reversed', note: 'Regel aufgehoben' })).body.state).toBe('reversed');
    const unhide = (await boss.get(`${base}/actions?itemId=${it1.id}`)).body.items.find((a: { action: string }) => a.action === 'unhide');
    expect(unhide).toMatchObject({ clauseId: old, status: 'executed' });
    expect((await db.select().from(inboxItems).where(eq(inboxItems.id, it1.id)))[0]!.hiddenAt).toBeNull();
  });

  it('are logged, reviewed by someone other than who acted, and a reversed hide un-hides the item', async () => {
    const hidden = (await boss.get(`${base}/actions?action=hide`)).body.items.find((a: { evidence: { text: string } }) => a.evidence.text === 'Ihr Behördenhengste seid zu dumm zum Lesen');
    const appeal = await community.post(`${base}/actions/${hidden.id}/appeals`, { channel: 'email', request: 'Das war keine Beleidigung, sondern Satire.' });
    expect(appeal.status).toBe(201);
    const own = await loggedIn(t.app, owner.email);
    // cm acted — cm cannot decide (no moderation.ban anyway); the owner can.
    const decided = await own.post(`${base}/appeals/${appeal.body.id}/decide`, { outcome: 'reversed', note: 'Satire, kein Verstoß' });
    expect(decided.body).toMatchObject({ state: 'reversed', reviewerId: owner.id });
    const [it1] = await db.select().from(inboxItems).where(eq(inboxItems.id, hidden.itemId));
    expect(it1!.hiddenAt).toBeNull();
    expect(calls.at(-1)!.call.op).toBe('unhide');
    const record = (await boss.get(`${base}/actions/${hidden.id}`)).body;
    expect(record.events.map((e: { kind: string }) => e.kind)).toEqual(['requested', 'executed', 'appeal_logged', 'appeal_decided']);
    expect((await own.post(`${base}/appeals/${appeal.body.id}/decide`, { outcome: 'upheld', note: 'x' })).status).toBe(409);
  });

  it('the person who acted cannot review the appeal', async () => {
    const ban = (await boss.get(`${base}/actions?action=block`)).body.items[0];
    const appeal = await boss.post(`${base}/actions/${ban.id}/appeals`, { channel: 'letter', request: 'Bitte entsperren.' });
    expect((await boss.post(`${base}/appeals/${appeal.body.id}/decide`, { outcome: 'upheld', note: 'bleibt' })).body.code).toBe('reviewer_must_differ');
    expect((await boss2.post(`${base}/appeals/${appeal.body.id}/decide`, { outcome: 'upheld', note: 'bleibt' })).body.code).toBe('reviewer_must_differ'); // confirmed the ban
  });

  it('a reversed ban unblocks the account on the network, recorded as its own action on the same clause', async () => {
    const ban = (await boss.get(`${base}/actions?action=block`)).body.items[0];
    const [blocked] = await db.select().from(inboxItems).where(eq(inboxItems.id, ban.itemId));
    expect(blocked!.moderationState).toBe('blocked');
    const appeal = await community.post(`${base}/actions/${ban.id}/appeals`, { channel: 'email', request: 'Ich bitte um Entsperrung.' });
    const before = calls.length;
    const own = await loggedIn(t.app, owner.email);
    expect((await own.post(`${base}/appeals/${appeal.body.id}/decide`, { outcome: 'reversed', note: 'Einmaliger Ausrutscher' })).body.state).toBe('reversed');
    expect(calls.slice(before).map((c) => [c.call.op, 'account' in c.call ? c.call.account.id : null])).toEqual([['unblock', 'did:plc:troll']]);
    const lifted = (await boss.get(`${base}/actions?action=unblock`)).body.items[0];
    expect(lifted).toMatchObject({ itemId: ban.itemId, clauseId: ban.clauseId, status: 'executed', reason: 'Widerspruch stattgegeben: Einmaliger Ausrutscher', actorId: owner.id });
    const [after] = await db.select().from(inboxItems).where(eq(inboxItems.id, ban.itemId));
    expect(after!.moderationState).toBeNull();
    expect(after!.hiddenAt).toBeNull();
    // Lifting a ban needs the right to ban.
    expect((await community.post(`${base}/actions`, { action: 'unblock', itemId: ban.itemId, clauseId: insult, reason: 'x' })).body.code).toBe('ban_not_allowed');
  });
});

describe('rules: suggestions, not automation', () => {
  it('flags matching items for a human; auto-hides only where the clause allows it', async () => {
    const r1 = await boss.post(`${base}/rules`, { name: 'Schimpfwörter', clauseId: insult, keywords: ['idiot', 'depp'] });
    expect(r1.status).toBe(201);
    expect((await boss.post(`${base}/rules`, { name: 'kaputt', clauseId: spam, keywords: [], query: 'uhren AND (' })).body.errors[0].path).toBe('body.query');
    await boss.post(`${base}/rules`, { name: 'Uhrenwerbung', clauseId: spam, keywords: [], query: 'uhren AND (billig OR rabatt)' });
    await moderationScanTick(t.ctx); // consume the items created above
    const a = await item(bsky, 'So ein Depp, dieser Minister');
    const b = await item(bsky, 'Billig Uhren mit Rabatt kaufen');
    const c = await item(bsky, 'Danke für die Auskunft');
    const r = await moderationScanTick(t.ctx);
    expect(r).toEqual({ flagged: 2, autoHidden: 0 });
    const flags = (await community.get(`${base}/flags`)).body.items;
    expect(flags.map((f: { itemId: string }) => f.itemId).sort()).toEqual([a.id, b.id].sort());
    expect((await moderationScanTick(t.ctx)).flagged).toBe(0); // running twice flags nothing twice
    expect((await db.select().from(inboxItems).where(eq(inboxItems.id, a.id)))[0]!.hiddenAt).toBeNull();
    // Opt in for spam: the next spam item is hidden by the rule, documented in the record.
    await boss.put(`${base}/netiquette/clauses/${spam}`, { code: 'spam', category: 'spam', titleDe: 'Werbung und Spam', titleEn: 'Advertising and spam', bodyDe: 'Keine Werbung.', bodyEn: 'No advertising.', autoHide: true });
    const d = await item(bsky, 'Rabatt auf billig Uhren!!!');
    expect(await moderationScanTick(t.ctx)).toEqual({ flagged: 1, autoHidden: 1 });
    const auto = (await boss.get(`${base}/actions?itemId=${d.id}`)).body.items[0];
    expect(auto).toMatchObject({ action: 'hide', ruleId: expect.any(String), actorId: null, status: 'executed' });
    expect(auto.reason).toMatch(/Automatisch ausgeblendet/);
    expect(c.id).toBeDefined();
    await community.post(`${base}/flags/${a.id}/${r1.body.id}/dismiss`);
    expect((await community.get(`${base}/flags`)).body.items.map((f: { itemId: string }) => f.itemId)).toEqual([b.id]);
  });

  it('checks every item once, also one whose batch committed after later ones were checked, and batches over 500 sharing an instant', async () => {
    await moderationScanTick(t.ctx);
    const checked = await item(bsky, 'Sehr hilfreich, danke');
    expect((await moderationScanTick(t.ctx)).flagged).toBe(0);
    // An ingest that began earlier and commits only now: its items carry an older ingest time.
    const late = await insertItem(db, {
      workspaceId: ws, channelId: bsky!.id, network: 'bluesky', externalId: `at://did:plc:troll/app.bsky.feed.post/late-${++n}`, externalCid: 'bafyrei', kind: 'comment',
      text: 'Du Depp', language: 'de', sentiment: -1, sentimentScore: -0.8, authorId: troll, url: 'https://bsky.app/profile/troll/post/2', receivedAt: new Date('2025-03-03T09:00:00Z'),
    }, new Date(Date.now() - 60_000));
    expect((await moderationScanTick(t.ctx)).flagged).toBe(1);
    expect((await community.get(`${base}/flags`)).body.items.map((f: { itemId: string }) => f.itemId)).toContain(late.item.id);
    // 600 items of one batch (one ingest instant): all checked in one tick, the last one too.
    const at = new Date();
    for (let i = 0; i < 600; i++) {
      await insertItem(db, {
        workspaceId: ws, channelId: bsky!.id, network: 'bluesky', externalId: `at://did:plc:troll/app.bsky.feed.post/bulk-${i}`, externalCid: 'bafyrei', kind: 'comment',
        text: i === 599 ? 'Was für ein Idiot' : `Frage ${i}`, language: 'de', sentiment: 0, sentimentScore: 0, authorId: troll, url: 'https://bsky.app/profile/troll/post/3', receivedAt: at,
      }, at);
    }
    expect((await moderationScanTick(t.ctx)).flagged).toBe(1);
    const pending = await db.select({ id: inboxItems.id }).from(inboxItems).where(and(eq(inboxItems.workspaceId, ws), eq(inboxItems.moderationPending, true)));
    expect(pending).toEqual([]);
    expect(checked.id).toBeDefined();
  });
});
