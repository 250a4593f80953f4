/**
 * Data subject requests about one external author: find them, export everything Resonanz holds
 * about them (JSON), or erase it. Erasure pseudonymises the author, removes the texts and network
 * ids of their items, the notes, expert questions and answers on them, their name in our replies
 * (`scrub.ts`) and the rule suggestions on them; entries in the moderation record are kept for the
 * record's own period (documentation of official acts) and the answer says how many.
 */
import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { inboxAuthors, inboxEscalations, inboxItems, inboxNotes, inboxReplies } from '../inbox/inbox.schema.ts';
import { moderationActions, moderationFlags } from '../moderation/moderation.schema.ts';
import { listActions } from '../moderation/moderation-record.ts';
import { mentionMatches, mentions } from '../listening/listening.schema.ts';
import { ERASED_TEXT, namesOf, pseudonymiseAuthor } from './retention.ts';
import { replaceNamesInReplies, scrubItems } from './scrub.ts';

export async function searchAuthors(db: Db, ws: string, q: string) {
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db.select({
    id: inboxAuthors.id, network: inboxAuthors.network, handle: inboxAuthors.handle, displayName: inboxAuthors.displayName, pseudonymisedAt: inboxAuthors.pseudonymisedAt, lastSeenAt: inboxAuthors.lastSeenAt,
    items: sql<number>`(SELECT count(*)::int FROM inbox_items i WHERE i.author_id = "inbox_authors"."id")`,
    moderationRecords: sql<number>`(SELECT count(*)::int FROM moderation_actions a WHERE a.author_id = "inbox_authors"."id")`,
  }).from(inboxAuthors).where(and(eq(inboxAuthors.workspaceId, ws), or(ilike(inboxAuthors.handle, like), ilike(inboxAuthors.displayName, like), eq(inboxAuthors.externalId, q)))).limit(50);
  return rows.map((r) => ({ ...r, items: Number(r.items), moderationRecords: Number(r.moderationRecords), pseudonymised: r.pseudonymisedAt !== null, lastSeenAt: r.lastSeenAt.toISOString(), pseudonymisedAt: undefined }));
}

/** How listening stores the same person's posts: Bluesky by handle or DID, Mastodon by user@instance. */
function listeningNamesOf(a: typeof inboxAuthors.$inferSelect): string[] {
  return [...new Set([a.externalId, a.handle.replace(/^@/, '')].filter((x) => x && !x.startsWith('pseudo')))];
}
const mentionsOf = (ws: string, a: typeof inboxAuthors.$inferSelect) =>
  and(eq(mentions.workspaceId, ws), eq(mentions.network, a.network), inArray(mentions.author, listeningNamesOf(a)));

async function authorOr404(db: Db, ws: string, authorId: string) {
  const [a] = await db.select().from(inboxAuthors).where(and(eq(inboxAuthors.workspaceId, ws), eq(inboxAuthors.id, authorId)));
  if (!a) throw notFound('author');
  return a;
}

/** Everything about one author, as JSON (Art. 15 GDPR). Exporting is itself audited. */
export async function exportAuthor(ctx: AppContext, actor: Actor, ws: string, authorId: string) {
  const db = ctx.database.db;
  const author = await authorOr404(db, ws, authorId);
  const items = await db.select().from(inboxItems).where(and(eq(inboxItems.workspaceId, ws), eq(inboxItems.authorId, authorId)));
  const ids = items.map((i) => i.id);
  const [notes, escalations, replies, flags, record] = await Promise.all([
    ids.length ? db.select({ itemId: inboxNotes.itemId, body: inboxNotes.body, createdAt: inboxNotes.createdAt }).from(inboxNotes).where(inArray(inboxNotes.itemId, ids)) : [],
    ids.length ? db.select({ itemId: inboxEscalations.itemId, department: inboxEscalations.department, question: inboxEscalations.question, answer: inboxEscalations.answer, state: inboxEscalations.state, createdAt: inboxEscalations.createdAt, answeredAt: inboxEscalations.answeredAt }).from(inboxEscalations).where(inArray(inboxEscalations.itemId, ids)) : [],
    ids.length ? db.select({ itemId: inboxReplies.itemId, kind: inboxReplies.kind, text: inboxReplies.text, state: inboxReplies.state, remoteUrl: inboxReplies.remoteUrl, sentAt: inboxReplies.sentAt }).from(inboxReplies).where(inArray(inboxReplies.itemId, ids)) : [],
    ids.length ? db.select().from(moderationFlags).where(inArray(moderationFlags.itemId, ids)) : [],
    listActions(db, ws, { authorId, limit: 5000 }),
  ]);
  const listening = listeningNamesOf(author).length
    ? await db.select({ network: mentions.network, url: mentions.url, text: mentions.text, lang: mentions.lang, publishedAt: mentions.publishedAt }).from(mentions).where(mentionsOf(ws, author)).limit(10_000)
    : [];
  await db.transaction((tx) => recordAudit(tx, actor, { workspaceId: ws, action: 'privacy.author.exported', objectType: 'inbox_author', objectId: authorId, after: { items: items.length, moderationRecords: record.length } }, ctx.clock.now()));
  const clean = <T extends Record<string, unknown>>(r: T) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'search'));
  return {
    exportedAt: ctx.clock.now().toISOString(),
    author: clean(author),
    items: items.map(clean),
    internalNotes: notes,
    expertQuestions: escalations,
    ourReplies: replies,
    moderationSuggestions: flags,
    listeningMentions: listening,
    moderationRecord: record,
  };
}

/** Erases an author's data (Art. 17 GDPR) except the moderation record (kept for its own period). */
export async function eraseAuthor(ctx: AppContext, actor: Actor, ws: string, authorId: string, reason: string) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const author = await authorOr404(tx as unknown as Db, ws, authorId);
    const items = await tx.select({ id: inboxItems.id }).from(inboxItems).where(and(eq(inboxItems.workspaceId, ws), eq(inboxItems.authorId, authorId)));
    const ids = items.map((i) => i.id);
    await scrubItems(tx, ctx, ws, ids, ERASED_TEXT, now);
    await replaceNamesInReplies(tx, ws, ids, namesOf(ctx, author));
    const flags = ids.length ? await tx.delete(moderationFlags).where(inArray(moderationFlags.itemId, ids)).returning({ itemId: moderationFlags.itemId }) : [];
    // Their public posts gathered by listening go too, with their place in the top-author lists;
    // the hourly volumes stay (counts, nobody in them).
    const names = listeningNamesOf(author);
    const gone = names.length ? await tx.delete(mentions).where(mentionsOf(ws, author)).returning({ id: mentions.id }) : [];
    if (gone.length) await tx.delete(mentionMatches).where(and(eq(mentionMatches.workspaceId, ws), inArray(mentionMatches.mentionId, gone.map((m) => m.id))));
    if (names.length) {
      await tx.execute(sql`DELETE FROM listening_facets f USING listening_queries q WHERE q.id = f.query_id AND q.workspace_id = ${ws} AND f.facet = 'author' AND f.key IN (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`);
    }
    await pseudonymiseAuthor(tx, ctx, author, now);
    const [kept] = await tx.select({ n: sql<number>`count(*)::int` }).from(moderationActions).where(and(eq(moderationActions.workspaceId, ws), eq(moderationActions.authorId, authorId)));
    const result = { items: items.length, flags: flags.length, listeningMentions: gone.length, keptInModerationRecord: Number(kept?.n ?? 0) };
    // The audit row names the request, not the person: no handle or name in it.
    await recordAudit(tx, actor, { workspaceId: ws, action: 'privacy.author.erased', objectType: 'inbox_author', objectId: authorId, after: { ...result, reason } }, now);
    return result;
  });
}
