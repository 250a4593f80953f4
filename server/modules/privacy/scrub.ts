/**
 * Removes an external author's personal data from inbox items and everything that quotes them —
 * shared by erasure requests and the retention job:
 * - the item: text, link and raw payload (the caller chooses the replacement text);
 * - internal notes and expert questions/answers on the item (they quote or discuss it);
 * - identifiers: the item's network id (a Bluesky AT URI holds the author's
 *   DID) becomes a keyed hash, also where other items point to it as parent, root or conversation.
 *   The hashed dedupe key stays on the row, so ingest recognises a replay of the same post
 *   (`erasedAmong`) and does not store it again.
 * And, separately (`replaceNamesInReplies`), our replies on the items: the author's handle and display
 * name become their pseudonym (our own published words are otherwise kept — the organisation's record).
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { inboxEscalations, inboxItems, inboxNotes, inboxReplies } from '../inbox/inbox.schema.ts';

const ERASED_PREFIX = 'erased:';

/** The dedupe key an item gets once its identifiers are erased (keyed: not reversible, not guessable). */
export const erasedKeyOf = (ctx: Pick<AppContext, 'secrets'>, workspaceId: string, dedupeKey: string) => `${ERASED_PREFIX}${ctx.secrets.mac('inbox-erased-item', `${workspaceId}:${dedupeKey}`).slice(0, 32)}`;

/** Dedupe keys of this batch whose items were erased: ingest skips them (a replay must not restore them). */
export async function erasedAmong(tx: Tx, ctx: Pick<AppContext, 'secrets'>, workspaceId: string, dedupeKeys: string[]): Promise<Set<string>> {
  if (dedupeKeys.length === 0) return new Set();
  const byErased = new Map(dedupeKeys.map((k) => [erasedKeyOf(ctx, workspaceId, k), k]));
  const rows = await tx.select({ key: inboxItems.dedupeKey }).from(inboxItems).where(and(eq(inboxItems.workspaceId, workspaceId), inArray(inboxItems.dedupeKey, [...byErased.keys()])));
  return new Set(rows.map((r) => byErased.get(r.key)!));
}

/** Replaces an author's handle and name in our replies on these items by their pseudonym (`namesOf`). */
export async function replaceNamesInReplies(tx: Tx, workspaceId: string, ids: string[], names: { from: string; to: string }[]): Promise<void> {
  if (ids.length === 0) return;
  // Longest first, so "@anna.example" is replaced before "anna.example".
  for (const n of [...names].filter((x) => x.from.trim().length >= 2).sort((a, b) => b.from.length - a.from.length)) {
    await tx.update(inboxReplies).set({ text: sql`replace(${inboxReplies.text}, ${n.from}, ${n.to})` })
      .where(and(eq(inboxReplies.workspaceId, workspaceId), inArray(inboxReplies.itemId, ids), sql`strpos(${inboxReplies.text}, ${n.from}) > 0`));
  }
}

/** Scrubs the given items of one workspace (texts, notes, expert questions, identifiers). Idempotent. */
export async function scrubItems(tx: Tx, ctx: Pick<AppContext, 'secrets'>, workspaceId: string, ids: string[], text: string, now: Date, opts: { keep?: string[] } = {}): Promise<void> {
  if (ids.length === 0) return;
  // Texts already replaced (by an erasure, say) keep their wording.
  const done = [text, ...(opts.keep ?? [])];
  await tx.update(inboxItems).set({ text, url: null, raw: null, updatedAt: now }).where(and(eq(inboxItems.workspaceId, workspaceId), inArray(inboxItems.id, ids), notInArray(inboxItems.text, done)));
  await tx.update(inboxNotes).set({ body: text }).where(and(inArray(inboxNotes.itemId, ids), notInArray(inboxNotes.body, done)));
  await tx.update(inboxEscalations).set({ question: text, answer: sql`CASE WHEN ${inboxEscalations.answer} IS NULL THEN NULL ELSE ${text} END` })
    .where(and(eq(inboxEscalations.workspaceId, workspaceId), inArray(inboxEscalations.itemId, ids), notInArray(inboxEscalations.question, done)));
  const rows = (await tx.select({ id: inboxItems.id, externalId: inboxItems.externalId, dedupeKey: inboxItems.dedupeKey }).from(inboxItems)
    .where(and(eq(inboxItems.workspaceId, workspaceId), inArray(inboxItems.id, ids)))).filter((r) => !r.dedupeKey.startsWith(ERASED_PREFIX));
  if (rows.length === 0) return;
  const erased = rows.map((r) => erasedKeyOf(ctx, workspaceId, r.dedupeKey));
  const pairs = sql`unnest(${sql.param(rows.map((r) => r.externalId))}::text[], ${sql.param(erased)}::text[]) AS m(old, erased)`;
  await tx.execute(sql`UPDATE inbox_items i SET external_id = m.erased, external_cid = NULL, dedupe_key = m.erased
    FROM unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(erased)}::text[]) AS m(id, erased) WHERE i.id = m.id`);
  // Other items that answer these, or belong to their conversations, point to the hashed ids now.
  await tx.execute(sql`UPDATE inbox_items i SET parent_external_id = m.erased, parent_cid = NULL FROM ${pairs} WHERE i.workspace_id = ${workspaceId} AND i.parent_external_id = m.old`);
  await tx.execute(sql`UPDATE inbox_items i SET root_external_id = m.erased, root_cid = NULL FROM ${pairs} WHERE i.workspace_id = ${workspaceId} AND i.root_external_id = m.old`);
  await tx.execute(sql`UPDATE inbox_items i SET conversation_key = m.erased FROM ${pairs} WHERE i.workspace_id = ${workspaceId} AND i.conversation_key = m.old`);
}
