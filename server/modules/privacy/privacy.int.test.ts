/** Privacy: retention pseudonymises authors and removes texts after the period, keeps the moderation record for its own; data subject export and erasure. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { inboxAuthors, inboxEscalations, inboxItems, inboxNotes, inboxReplies } from '../inbox/inbox.schema.ts';
import { dedupeKeyOf, insertItem, upsertAuthor } from '../inbox/item-store.ts';
import { moderationActions, moderationSettings, netiquetteClauses, netiquetteVersions } from '../moderation/moderation.schema.ts';
import { requestAction } from '../moderation/moderation.service.ts';
import { ERASED_TEXT, REMOVED_TEXT, retentionTick, runRetention } from './retention.ts';
import { erasedAmong } from './scrub.ts';
import { listeningFacets, listeningQueries, mentionMatches, mentions } from '../listening/listening.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace } = await buildWorkspace(t.ctx.database);
const ws = workspace.id;
const cvd = await buildMember(t.ctx.database, ws, ['duty_editor']);
const old = new Date('2025-01-10T10:00:00Z');
const recent = new Date('2025-09-01T10:00:00Z');
const now = new Date('2025-09-10T10:00:00Z');

const oldAuthor = await upsertAuthor(db, ws, { network: 'bluesky', externalId: 'did:plc:alt', handle: 'alt.bsky.social', displayName: 'Alte Person' }, old);
const newAuthor = await upsertAuthor(db, ws, { network: 'bluesky', externalId: 'did:plc:neu', handle: 'neu.bsky.social', displayName: 'Neue Person' }, recent);
const mk = (author: string, receivedAt: Date, text: string, id: string) => insertItem(db, { workspaceId: ws, channelId: null, network: 'bluesky', externalId: id, kind: 'mention', text, language: 'de', sentiment: 0, sentimentScore: 0, authorId: author, receivedAt, url: 'https://bsky.app/x', raw: { text } }, receivedAt);
const oldItem = (await mk(oldAuthor, old, 'Meine Adresse ist Musterweg 1', 'at://alt/1')).item;
const newItem = (await mk(newAuthor, recent, 'Wann öffnet das Amt?', 'at://neu/1')).item;
const [clause] = await db.insert(netiquetteClauses).values({ workspaceId: ws, code: 'personal', category: 'personal_data', titleDe: 'Persönliche Daten', titleEn: 'Personal data', bodyDe: 'x', bodyEn: 'x' }).returning();
await db.insert(netiquetteVersions).values({ workspaceId: ws, version: 1, introDe: '', introEn: '', clauses: [{ id: clause!.id, code: 'personal' }], publishedAt: old });
t.clock.set(old);
await requestAction(t.ctx, { userId: cvd.id }, { id: ws, roles: ['duty_editor'] }, { action: 'hide', itemId: oldItem.id, clauseId: clause!.id, reason: 'Adresse veröffentlicht' });

describe('retention', () => {
  it('after 180 days removes texts and pseudonymises authors; the moderation record keeps its evidence; audit row; twice changes nothing', async () => {
    await db.insert(inboxNotes).values({ workspaceId: ws, itemId: oldItem.id, authorId: cvd.id, body: 'Adresse steht im Beitrag' });
    await db.insert(inboxReplies).values({ workspaceId: ws, itemId: oldItem.id, kind: 'reply', text: '@alt.bsky.social Bitte keine Adressen posten.', contentHash: 'y', state: 'sent' });
    const r = await runRetention(t.ctx, ws, now);
    expect(r).toMatchObject({ items: 1, authors: 1, moderationRecords: 0 });
    const [i1] = await db.select().from(inboxItems).where(eq(inboxItems.id, oldItem.id));
    expect(i1).toMatchObject({ text: REMOVED_TEXT, url: null, raw: null });
    expect(i1!.externalId).toMatch(/^erased:/);
    expect((await db.select().from(inboxNotes).where(eq(inboxNotes.itemId, oldItem.id))).map((n) => n.body)).toEqual([REMOVED_TEXT]);
    expect((await db.select().from(inboxReplies).where(eq(inboxReplies.itemId, oldItem.id)))[0]!.text).toMatch(/^@pseudonym-\S+ Bitte keine Adressen posten\.$/);
    const [a1] = await db.select().from(inboxAuthors).where(eq(inboxAuthors.id, oldAuthor));
    expect(a1!.handle).toMatch(/^pseudonym-/);
    expect(a1!.displayName).toBeNull();
    expect(a1!.externalId).toMatch(/^pseudo:/);
    expect(a1!.pseudonymisedAt).not.toBeNull();
    expect((await db.select().from(inboxItems).where(eq(inboxItems.id, newItem.id)))[0]!.text).toBe('Wann öffnet das Amt?');
    const [rec] = await db.select().from(moderationActions).where(eq(moderationActions.itemId, oldItem.id));
    expect((rec!.evidence as { text: string }).text).toBe('Meine Adresse ist Musterweg 1');
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention.applied'));
    expect(audits).toHaveLength(1);
    expect(await runRetention(t.ctx, ws, now)).toMatchObject({ items: 0, authors: 0, moderationRecords: 0 });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention.applied'))).toHaveLength(1);
    // Re-ingestion of the same account does not bring the name back under the pseudonym.
    await upsertAuthor(db, ws, { network: 'bluesky', externalId: 'did:plc:alt', handle: 'alt.bsky.social', displayName: 'Alte Person' }, now);
    expect((await db.select().from(inboxAuthors).where(eq(inboxAuthors.id, oldAuthor)))[0]!.handle).toMatch(/^pseudonym-/);
  });

  it('deletes moderation records after their own period only, despite the append-only trigger', async () => {
    // The action was recorded on 2025-01-10: 243 days before `now`.
    const keep = (days: number) => db.insert(moderationSettings).values({ workspaceId: ws, recordRetentionDays: days }).onConflictDoUpdate({ target: moderationSettings.workspaceId, set: { recordRetentionDays: days } });
    await keep(300);
    expect((await runRetention(t.ctx, ws, now)).moderationRecords).toBe(0);
    await keep(200);
    expect((await runRetention(t.ctx, ws, now)).moderationRecords).toBe(1);
    expect(await db.select().from(moderationActions).where(eq(moderationActions.workspaceId, ws))).toHaveLength(0);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention.applied'))).at(-1)!.after).toMatchObject({ moderationRecords: 1, recordRetentionDays: 200 });
  });

  it('the hourly tick skips workspaces processed within the hour', async () => {
    const r = await retentionTick(t.ctx, new Date(now.getTime() + 10 * 60_000));
    expect(r.find((x) => x.workspaceId === ws)).toBeUndefined();
  });
});

describe('data subject requests', () => {
  it('finds an author, exports everything as JSON, erases all but the moderation record', async () => {
    const c = await loggedIn(t.app, cvd.email);
    const found = await c.get(`/api/v1/workspaces/${ws}/privacy/authors?q=neu.bsky`);
    expect(found.body.items, JSON.stringify(found.body)).toEqual([expect.objectContaining({ id: newAuthor, handle: 'neu.bsky.social', items: 1, moderationRecords: 0, pseudonymised: false })]);
    const exp = await c.get(`/api/v1/workspaces/${ws}/privacy/authors/${newAuthor}/export`);
    expect(exp.status).toBe(200);
    expect(exp.body.author.handle).toBe('neu.bsky.social');
    expect(exp.body.items[0].text).toBe('Wann öffnet das Amt?');
    // What quotes or names the person: a note, an expert question with its answer, our reply, a reply to their post.
    await db.insert(inboxNotes).values({ workspaceId: ws, itemId: newItem.id, authorId: cvd.id, body: 'Frau Neu hat schon zweimal angerufen' });
    await db.insert(inboxEscalations).values({ workspaceId: ws, itemId: newItem.id, expertEmail: 'fach@amt.example', question: 'Zitat: „Wann öffnet das Amt?“', answer: 'Ab 8 Uhr, Frau Neu.', state: 'answered', dueAt: now, expiresAt: now, tokenHash: 'h-privacy-1' });
    await db.insert(inboxReplies).values({ workspaceId: ws, itemId: newItem.id, kind: 'reply', text: 'Hallo @neu.bsky.social, danke, Neue Person! Ab 8 Uhr.', contentHash: 'x', state: 'sent' });
    const answer = (await insertItem(db, { workspaceId: ws, channelId: null, network: 'bluesky', externalId: 'at://dritte/1', kind: 'reply', text: 'Ich frage mich das auch', language: 'de', sentiment: 0, sentimentScore: 0, authorId: oldAuthor, receivedAt: recent, parentExternalId: 'at://neu/1', conversationKey: 'at://neu/1' }, recent)).item;
    // Listening found one of their public posts (and one of someone else).
    const [q] = await db.insert(listeningQueries).values({ workspaceId: ws, name: 'Amt', query: 'amt' }).returning();
    const [theirMention, otherMention] = await db.insert(mentions).values([
      { workspaceId: ws, network: 'bluesky', externalId: 'at://neu/9', author: 'neu.bsky.social', text: 'Das Amt ist zu', sentiment: 0, sentimentScore: 0, publishedAt: recent, ingestedAt: recent },
      { workspaceId: ws, network: 'bluesky', externalId: 'at://other/9', author: 'other.bsky.social', text: 'Das Amt ist offen', sentiment: 0, sentimentScore: 0, publishedAt: recent, ingestedAt: recent },
    ]).returning();
    await db.insert(mentionMatches).values([theirMention!, otherMention!].map((m) => ({ queryId: q!.id, publishedAt: recent, mentionId: m.id, workspaceId: ws, sentiment: 0 })));
    await db.insert(listeningFacets).values([{ queryId: q!.id, facet: 'author', day: recent, key: 'neu.bsky.social', count: 1 }, { queryId: q!.id, facet: 'author', day: recent, key: 'other.bsky.social', count: 1 }]);
    const full = (await c.get(`/api/v1/workspaces/${ws}/privacy/authors/${newAuthor}/export`)).body;
    expect(full.listeningMentions).toEqual([expect.objectContaining({ text: 'Das Amt ist zu' })]);
    expect([full.internalNotes.length, full.expertQuestions.length, full.ourReplies.length]).toEqual([1, 1, 1]);
    expect(full.expertQuestions[0]).toMatchObject({ question: 'Zitat: „Wann öffnet das Amt?“', answer: 'Ab 8 Uhr, Frau Neu.' });
    const bad = await c.post(`/api/v1/workspaces/${ws}/privacy/authors/${newAuthor}/erase`, {});
    expect(bad.body.errors[0].path).toBe('body.reason');
    const er = await c.post(`/api/v1/workspaces/${ws}/privacy/authors/${newAuthor}/erase`, { reason: 'Antrag per E-Mail vom 9.9.' });
    expect(er.body).toEqual({ items: 1, flags: 0, listeningMentions: 1, keptInModerationRecord: 0 });
    expect(await db.select().from(mentions).where(eq(mentions.workspaceId, ws))).toEqual([expect.objectContaining({ author: 'other.bsky.social' })]);
    expect((await db.select().from(mentionMatches).where(eq(mentionMatches.workspaceId, ws))).map((m) => m.mentionId)).toEqual([otherMention!.id]);
    expect((await db.select().from(listeningFacets).where(eq(listeningFacets.queryId, q!.id))).map((f) => f.key)).toEqual(['other.bsky.social']);
    const [gone] = await db.select().from(inboxItems).where(eq(inboxItems.id, newItem.id));
    expect(gone).toMatchObject({ text: ERASED_TEXT, url: null, raw: null });
    // The network id (a Bluesky URI holds the person's DID) is a keyed hash now, also where the reply points to it.
    expect(gone!.externalId).toMatch(/^erased:/);
    expect(gone!.dedupeKey).toBe(gone!.externalId);
    const [other] = await db.select().from(inboxItems).where(eq(inboxItems.id, answer.id));
    expect(other).toMatchObject({ parentExternalId: gone!.externalId, conversationKey: gone!.externalId, text: 'Ich frage mich das auch' });
    expect((await db.select().from(inboxNotes).where(eq(inboxNotes.itemId, newItem.id))).map((n) => n.body)).toEqual([ERASED_TEXT]);
    expect((await db.select().from(inboxEscalations).where(eq(inboxEscalations.itemId, newItem.id))).map((e) => [e.question, e.answer])).toEqual([[ERASED_TEXT, ERASED_TEXT]]);
    const [reply] = await db.select().from(inboxReplies).where(eq(inboxReplies.itemId, newItem.id));
    expect(reply!.text).toMatch(/^Hallo @pseudonym-\S+, danke, pseudonym-\S+! Ab 8 Uhr\.$/);
    expect(JSON.stringify(await db.select().from(inboxItems).where(eq(inboxItems.workspaceId, ws)))).not.toContain('at://neu/1');
    // Ingest recognises the same post again (a replay) as erased and does not store it anew.
    const erased = await db.transaction((tx) => erasedAmong(tx, t.ctx, ws, [dedupeKeyOf('bluesky', 'at://neu/1'), dedupeKeyOf('bluesky', 'at://neu/2')]));
    expect([...erased]).toEqual([dedupeKeyOf('bluesky', 'at://neu/1')]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'privacy.author.erased'));
    expect(JSON.stringify(audit[0]!.after)).not.toContain('neu.bsky.social');
    const cm = await loggedIn(t.app, (await buildMember(t.ctx.database, ws, ['community_manager'])).email);
    expect((await cm.post(`/api/v1/workspaces/${ws}/privacy/authors/${newAuthor}/erase`, { reason: 'x x x' })).status).toBe(403);
    expect(sql).toBeDefined();
  });
});
