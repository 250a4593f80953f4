/**
 * The inbox item store: the functions every producer (network ingestion, listening promotion) and
 * every neighbour module (SLA, roster, moderation, privacy) uses to write or read items. Writes
 * that are state changes of a human or a policy write their audit row here, in the caller's
 * transaction, and emit the live hint that makes open inbox lists refetch.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { inboxAuthors, inboxItems } from './inbox.schema.ts';

export type InboxItemRow = typeof inboxItems.$inferSelect;
export type InboxAuthorRow = typeof inboxAuthors.$inferSelect;

export const ITEM_KINDS = ['comment', 'reply', 'mention', 'quote', 'dm'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface AuthorInput {
  network: string;
  externalId: string;
  handle: string;
  displayName?: string | null;
  avatarUrl?: string | null;
  profileUrl?: string | null;
  followerCount?: number | null;
}

export interface NewItem {
  workspaceId: string;
  sourceKind?: 'network' | 'listening';
  channelId: string | null;
  mentionId?: number | null;
  network: string;
  externalId: string;
  externalCid?: string | null;
  /** Defaults to `<network>:<externalId>`; Mastodon ids are namespaced by instance (ingest.service.ts). */
  dedupeKey?: string;
  /** Defaults to the root's id, else the item's own id. */
  conversationKey?: string;
  url?: string | null;
  kind: ItemKind;
  text: string;
  language: string | null;
  sentiment: -1 | 0 | 1;
  sentimentScore: number;
  authorId: string | null;
  parentExternalId?: string | null;
  parentCid?: string | null;
  rootExternalId?: string | null;
  rootCid?: string | null;
  publishTargetId?: string | null;
  receivedAt: Date;
  status?: string;
  assigneeId?: string | null;
  priority?: string;
  tags?: string[];
  resolvedAt?: Date | null;
  slaFirstDueAt?: Date | null;
  slaResolveDueAt?: Date | null;
  slaFirstWarnAt?: Date | null;
  slaResolveWarnAt?: Date | null;
  raw?: unknown;
}

/** The dedupe key: one network post is one item, however often it arrives. */
export function dedupeKeyOf(network: string, externalId: string): string {
  return `${network}:${externalId}`;
}

/** Creates or refreshes an external author (profile fields change; a pseudonymised author stays pseudonymised). */
export async function upsertAuthor(tx: Tx, workspaceId: string, a: AuthorInput, now: Date): Promise<string> {
  const [row] = await tx.insert(inboxAuthors).values({
    workspaceId, network: a.network, externalId: a.externalId, handle: a.handle,
    displayName: a.displayName ?? null, avatarUrl: a.avatarUrl ?? null, profileUrl: a.profileUrl ?? null,
    followerCount: a.followerCount ?? null, firstSeenAt: now, lastSeenAt: now,
  }).onConflictDoUpdate({
    target: [inboxAuthors.workspaceId, inboxAuthors.network, inboxAuthors.externalId],
    set: {
      handle: sql`case when ${inboxAuthors.pseudonymisedAt} is null then excluded.handle else ${inboxAuthors.handle} end`,
      displayName: sql`case when ${inboxAuthors.pseudonymisedAt} is null then excluded.display_name else ${inboxAuthors.displayName} end`,
      avatarUrl: sql`case when ${inboxAuthors.pseudonymisedAt} is null then excluded.avatar_url else ${inboxAuthors.avatarUrl} end`,
      profileUrl: sql`case when ${inboxAuthors.pseudonymisedAt} is null then excluded.profile_url else ${inboxAuthors.profileUrl} end`,
      followerCount: sql`coalesce(excluded.follower_count, ${inboxAuthors.followerCount})`,
      lastSeenAt: now,
    },
  }).returning({ id: inboxAuthors.id });
  return row!.id;
}

/**
 * Inserts an item unless its dedupe key exists. Returns the stored row and whether it is new;
 * a duplicate returns `created: false` and changes nothing (ingestion replays are harmless).
 */
export async function insertItem(tx: Tx, item: NewItem, now: Date): Promise<{ item: InboxItemRow; created: boolean }> {
  const dedupeKey = item.dedupeKey ?? dedupeKeyOf(item.network, item.externalId);
  const [created] = await tx.insert(inboxItems).values({
    ...item,
    sourceKind: item.sourceKind ?? 'network',
    dedupeKey,
    conversationKey: item.conversationKey ?? item.rootExternalId ?? item.externalId,
    status: item.status ?? (item.assigneeId ? 'assigned' : 'new'),
    priority: item.priority ?? 'normal',
    tags: item.tags ?? [],
    ingestedAt: now,
    updatedAt: now,
  }).onConflictDoNothing({ target: [inboxItems.workspaceId, inboxItems.dedupeKey] }).returning();
  if (created) return { item: created, created: true };
  const [existing] = await tx.select().from(inboxItems).where(and(eq(inboxItems.workspaceId, item.workspaceId), eq(inboxItems.dedupeKey, dedupeKey)));
  return { item: existing!, created: false };
}

/** One item of the workspace, or null (foreign ids are simply not found). */
export async function getItem(tx: Tx, workspaceId: string, itemId: string): Promise<InboxItemRow | null> {
  const [row] = await tx.select().from(inboxItems).where(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.id, itemId)));
  return row ?? null;
}

export async function getAuthor(tx: Tx, workspaceId: string, authorId: string): Promise<InboxAuthorRow | null> {
  const [row] = await tx.select().from(inboxAuthors).where(and(eq(inboxAuthors.workspaceId, workspaceId), eq(inboxAuthors.id, authorId)));
  return row ?? null;
}

/** Emits the live hint for a changed item (no content: clients refetch through the API). */
export async function emitItemEvent(tx: Tx, ctx: Pick<AppContext, 'events'>, workspaceId: string, type: 'inbox.item.created' | 'inbox.item.updated', itemId: string, data: Record<string, unknown> = {}): Promise<void> {
  await ctx.events.emit(tx, { workspaceId, type, permission: 'inbox.read', data: { id: itemId, ...data } });
}

/**
 * Records the moderation outcome on the item (the moderation module executes and documents the
 * action itself). `hidden` sets or clears `hidden_at`. Audit row and live event in `tx`.
 */
export async function setModerationState(
  tx: Tx,
  ctx: Pick<AppContext, 'events'>,
  actor: Actor,
  input: { workspaceId: string; itemId: string; state: string | null; hidden?: boolean },
  now: Date,
): Promise<InboxItemRow | null> {
  const before = await getItem(tx, input.workspaceId, input.itemId);
  if (!before) return null;
  const hiddenAt = input.hidden === undefined ? before.hiddenAt : input.hidden ? (before.hiddenAt ?? now) : null;
  const [after] = await tx.update(inboxItems)
    .set({ moderationState: input.state, hiddenAt, version: sql`${inboxItems.version} + 1`, updatedAt: now })
    .where(eq(inboxItems.id, input.itemId)).returning();
  await recordAudit(tx, actor, {
    workspaceId: input.workspaceId, action: 'inbox.item.moderation', objectType: 'inbox_item', objectId: input.itemId,
    before: { moderationState: before.moderationState, hiddenAt: before.hiddenAt }, after: { moderationState: after!.moderationState, hiddenAt: after!.hiddenAt },
  }, now);
  await emitItemEvent(tx, ctx, input.workspaceId, 'inbox.item.updated', input.itemId);
  return after!;
}

/** Stores due dates computed by the SLA module (no audit: a derived value, recomputed on change). */
export async function setSlaDueDates(
  tx: Tx,
  itemId: string,
  d: { firstResponseDueAt: Date | null; resolutionDueAt: Date | null; firstResponseWarnAt: Date | null; resolutionWarnAt: Date | null },
): Promise<void> {
  await tx.update(inboxItems).set({
    slaFirstDueAt: d.firstResponseDueAt, slaResolveDueAt: d.resolutionDueAt,
    slaFirstWarnAt: d.firstResponseWarnAt, slaResolveWarnAt: d.resolutionWarnAt,
  }).where(eq(inboxItems.id, itemId));
}

/** The SLA clock columns in the shape of the SLA module's `SlaColumns` (for `slaStateSql`). */
export const ITEM_SLA_COLUMNS = {
  firstResponseDueAt: inboxItems.slaFirstDueAt,
  firstResponseWarnAt: inboxItems.slaFirstWarnAt,
  firstResponseAt: inboxItems.firstResponseAt,
  resolutionDueAt: inboxItems.slaResolveDueAt,
  resolutionWarnAt: inboxItems.slaResolveWarnAt,
  resolvedAt: inboxItems.resolvedAt,
};
