/**
 * A warning answered publicly: neither network has a warning API, so the warning can carry an
 * answer to the author that goes out as an inbox reply in the thread (through the reply approval
 * where the workspace requires it). The answer is checked before the warning is recorded; it is
 * only allowed with `warn` and for people who may work the inbox.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { inboxReplies, inboxSettings } from '../inbox/inbox.schema.ts';
import { insertItem, upsertAuthor } from '../inbox/item-store.ts';
import { connectedChannel, createFakeInbound } from '../inbox/test/fake-inbound.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { moderationActions } from './moderation.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const net = createFakeInbound();
setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? net.provider : undefined) });
const db = t.ctx.database.db;
const { workspace } = await buildWorkspace(t.ctx.database);
const ws = workspace.id;
const cm = await buildMember(t.ctx.database, ws, ['community_manager']);
const cvd = await buildMember(t.ctx.database, ws, ['duty_editor']);
const channel = await connectedChannel(t.ctx.database, t.ctx.secrets, ws);
const community = await loggedIn(t.app, cm.email);
const boss = await loggedIn(t.app, cvd.email);
const base = `/api/v1/workspaces/${ws}/moderation`;
const author = await upsertAuthor(db, ws, { network: 'bluesky', externalId: 'did:plc:rude', handle: '@rude.test', displayName: 'Rude' }, new Date());
let n = 0;
async function item(text: string) {
  const { item: row } = await insertItem(db, {
    workspaceId: ws, channelId: channel.id, network: 'bluesky', externalId: `at://did:plc:rude/app.bsky.feed.post/${++n}`, externalCid: `cid${n}`,
    rootExternalId: 'at://did:plc:ours/app.bsky.feed.post/root', rootCid: 'rootcid', kind: 'comment', text, language: 'de', sentiment: -1, sentimentScore: -0.7,
    authorId: author, receivedAt: new Date(),
  }, new Date());
  return row;
}
const clause = (await boss.post(`${base}/netiquette/clauses`, { code: 'insult', category: 'insult', titleDe: 'Beleidigungen', titleEn: 'Insults', bodyDe: 'Wir entfernen Beleidigungen.', bodyEn: 'We remove insults.' })).body.id as string;
await boss.post(`${base}/netiquette/publish`);
const answer = 'Bitte bleiben Sie sachlich – unsere Netiquette, § 1 „Beleidigungen“.';

describe('a warning answered publicly', () => {
  it('records the warning, then sends the answer as a reply in the thread and notes it on the record', async () => {
    const it1 = await item('Ihr seid Idioten');
    const r = await community.post(`${base}/actions`, { action: 'warn', itemId: it1.id, clauseId: clause, reason: 'Erste Beleidigung', authorReply: answer });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('local_only');
    expect(r.body.events.map((e: { kind: string }) => e.kind)).toEqual(['requested', 'local_only', 'author_answered']);
    const [reply] = await db.select().from(inboxReplies).where(eq(inboxReplies.itemId, it1.id));
    expect(r.body.events[2].detail).toEqual({ replyId: reply!.id, state: 'sent' });
    expect(net.replies.at(-1)).toMatchObject({ to: { id: it1.externalId, root: { id: 'at://did:plc:ours/app.bsky.feed.post/root' } }, req: { text: answer } });
  });

  it('with reply approval on, the answer waits for review; the warning is recorded at once', async () => {
    await db.insert(inboxSettings).values({ workspaceId: ws, replyApprovalRequired: true });
    const sent = net.replies.length;
    const it2 = await item('Schon wieder ihr Versager');
    const r = await community.post(`${base}/actions`, { action: 'warn', itemId: it2.id, clauseId: clause, reason: 'Zweite Beleidigung', authorReply: answer });
    expect(r.body.events.at(-1)).toMatchObject({ kind: 'author_answered', detail: { state: 'in_review' } });
    expect(net.replies.length).toBe(sent);
    await db.delete(inboxSettings).where(eq(inboxSettings.workspaceId, ws));
  });

  it('refuses what cannot go out before anything is stored: too long, another action, a role that may not moderate', async () => {
    const it3 = await item('Idioten!!');
    const before = (await db.select().from(moderationActions)).length;
    const long = await community.post(`${base}/actions`, { action: 'warn', itemId: it3.id, clauseId: clause, reason: 'x', authorReply: 'a'.repeat(301) });
    expect([long.status, long.body.code, long.body.errors[0].path]).toEqual([422, 'text_too_long', 'body.authorReply']);
    const hide = await community.post(`${base}/actions`, { action: 'hide', itemId: it3.id, clauseId: clause, reason: 'x', authorReply: answer });
    expect([hide.status, hide.body.errors[0].path]).toEqual([400, 'body.authorReply']);
    const employee = await loggedIn(t.app, (await buildMember(t.ctx.database, ws, ['employee'])).email);
    const refused = await employee.post(`${base}/actions`, { action: 'warn', itemId: it3.id, clauseId: clause, reason: 'x', authorReply: answer });
    expect(refused.status).toBe(403);
    expect((await db.select().from(moderationActions)).length).toBe(before);
    expect(await db.select().from(inboxReplies).where(eq(inboxReplies.itemId, it3.id))).toEqual([]);
  });
});
