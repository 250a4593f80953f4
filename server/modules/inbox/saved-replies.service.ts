/**
 * Saved replies (Textbausteine) and the choice of address form. The workspace's tone rules pick the
 * default: the platform strategy of the item's channel (its tone text names du or Sie), else the
 * most important target group of that platform (tone du/Sie), else the workspace setting (Sie).
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { strategyPlatforms, strategyTargetGroups } from '../strategy/strategy.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { inboxAuthors, inboxSavedReplies, inboxSettings } from './inbox.schema.ts';
import type { InboxItemRow } from './item-store.ts';
import { addressOfTone, renderTemplate, unknownVariables, type TemplateVariables } from './saved-reply-template.ts';

export type SavedReplyRow = typeof inboxSavedReplies.$inferSelect;
type Address = 'sie' | 'du';

export const presentSavedReply = (r: SavedReplyRow) => ({
  id: r.id, title: r.title, language: r.language as 'de' | 'en', address: r.address as Address, body: r.body, groupKey: r.groupKey,
  tags: r.tags, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

function checkBody(body: string | undefined): void {
  if (body === undefined) return;
  const unknown = unknownVariables(body);
  if (unknown.length) throw validationFailed([{ path: 'body.body', message: `unknown variable(s): ${unknown.map((v) => `{{${v}}}`).join(', ')}` }]);
}

export async function listSavedReplies(tx: Tx, workspaceId: string): Promise<SavedReplyRow[]> {
  return tx.select().from(inboxSavedReplies).where(eq(inboxSavedReplies.workspaceId, workspaceId)).orderBy(asc(inboxSavedReplies.title), asc(inboxSavedReplies.language), asc(inboxSavedReplies.address));
}

export async function createSavedReply(tx: Tx, actor: Actor, workspaceId: string, input: { title: string; language: string; address: string; body: string; groupKey?: string; tags?: string[] }, now: Date): Promise<SavedReplyRow> {
  checkBody(input.body);
  const groupKey = input.groupKey ?? `t-${randomBytes(5).toString('hex')}`;
  const [dup] = await tx.select({ id: inboxSavedReplies.id }).from(inboxSavedReplies).where(and(eq(inboxSavedReplies.workspaceId, workspaceId), eq(inboxSavedReplies.groupKey, groupKey), eq(inboxSavedReplies.language, input.language), eq(inboxSavedReplies.address, input.address)));
  if (dup) throw validationFailed([{ path: 'body.groupKey', message: 'this saved reply already has a text in that language and address form' }]);
  const [row] = await tx.insert(inboxSavedReplies).values({ workspaceId, title: input.title, language: input.language, address: input.address, body: input.body, groupKey, tags: input.tags ?? [], createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.saved_reply.created', objectType: 'inbox_saved_reply', objectId: row!.id, after: presentSavedReply(row!) }, now);
  return row!;
}

export async function updateSavedReply(tx: Tx, actor: Actor, workspaceId: string, id: string, patch: Partial<{ title: string; language: string; address: string; body: string; groupKey: string; tags: string[] }>, now: Date): Promise<SavedReplyRow> {
  const [before] = await tx.select().from(inboxSavedReplies).where(and(eq(inboxSavedReplies.workspaceId, workspaceId), eq(inboxSavedReplies.id, id)));
  if (!before) throw notFound('saved reply');
  checkBody(patch.body);
  const next = { ...before, ...patch };
  const [dup] = await tx.select({ id: inboxSavedReplies.id }).from(inboxSavedReplies).where(and(eq(inboxSavedReplies.workspaceId, workspaceId), eq(inboxSavedReplies.groupKey, next.groupKey), eq(inboxSavedReplies.language, next.language), eq(inboxSavedReplies.address, next.address)));
  if (dup && dup.id !== id) throw validationFailed([{ path: 'body.address', message: 'this saved reply already has a text in that language and address form' }]);
  const [after] = await tx.update(inboxSavedReplies).set({ ...patch, updatedAt: now }).where(eq(inboxSavedReplies.id, id)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.saved_reply.updated', objectType: 'inbox_saved_reply', objectId: id, before: presentSavedReply(before), after: presentSavedReply(after!) }, now);
  return after!;
}

export async function deleteSavedReply(tx: Tx, actor: Actor, workspaceId: string, id: string, now: Date): Promise<void> {
  const [before] = await tx.delete(inboxSavedReplies).where(and(eq(inboxSavedReplies.workspaceId, workspaceId), eq(inboxSavedReplies.id, id))).returning();
  if (!before) throw notFound('saved reply');
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.saved_reply.deleted', objectType: 'inbox_saved_reply', objectId: id, before: presentSavedReply(before) }, now);
}

/** The address form for replies on a channel, and which rule chose it. */
export async function defaultAddress(tx: Tx, workspaceId: string, channelId: string | null): Promise<{ address: Address; source: 'platform' | 'target_group' | 'workspace' }> {
  if (channelId) {
    const [platform] = await tx.select().from(strategyPlatforms).where(and(eq(strategyPlatforms.workspaceId, workspaceId), eq(strategyPlatforms.channelId, channelId)));
    const own = addressOfTone(platform?.tone);
    if (own) return { address: own, source: 'platform' };
    if (platform?.targetGroupIds.length) {
      const groups = await tx.select({ tone: strategyTargetGroups.tone, priority: strategyTargetGroups.priority }).from(strategyTargetGroups)
        .where(and(eq(strategyTargetGroups.workspaceId, workspaceId), inArray(strategyTargetGroups.id, platform.targetGroupIds))).orderBy(asc(strategyTargetGroups.priority));
      const g = groups.map((x) => addressOfTone(x.tone)).find(Boolean);
      if (g) return { address: g, source: 'target_group' };
    }
  }
  const [s] = await tx.select({ a: inboxSettings.defaultAddress }).from(inboxSettings).where(eq(inboxSettings.workspaceId, workspaceId));
  return { address: (s?.a as Address | undefined) ?? 'sie', source: 'workspace' };
}

/** The variables for one item, as the replying member would see them. */
export async function variablesFor(tx: Tx, item: InboxItemRow, agentId: string | null, now: Date): Promise<TemplateVariables> {
  const [[author], [channel], [ws], [agent]] = await Promise.all([
    item.authorId ? tx.select().from(inboxAuthors).where(eq(inboxAuthors.id, item.authorId)) : Promise.resolve([]),
    item.channelId ? tx.select({ name: channels.name }).from(channels).where(eq(channels.id, item.channelId)) : Promise.resolve([]),
    tx.select({ name: workspaces.name, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, item.workspaceId)),
    agentId ? tx.select({ name: users.name }).from(users).where(eq(users.id, agentId)) : Promise.resolve([]),
  ]);
  const handle = author?.handle ?? '';
  return {
    author: handle, author_name: author?.displayName || handle.replace(/^@/, ''), channel: channel?.name ?? '',
    agent: agent?.name ?? '', workspace: ws?.name ?? '',
    date: new Intl.DateTimeFormat(item.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeZone: ws?.timezone ?? 'Europe/Berlin' }).format(now),
  };
}

/** Saved replies rendered for an item; the default variant of each (language × address) first. */
export async function suggestionsFor(tx: Tx, item: InboxItemRow, agentId: string | null, now: Date) {
  const { address, source } = await defaultAddress(tx, item.workspaceId, item.channelId);
  const language: 'de' | 'en' = item.language === 'en' ? 'en' : 'de';
  const vars = await variablesFor(tx, item, agentId, now);
  const rows = await listSavedReplies(tx, item.workspaceId);
  const items = rows.map((r) => ({ ...presentSavedReply(r), rendered: renderTemplate(r.body, vars), isDefault: r.language === language && r.address === address }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return { address, language, addressSource: source, items };
}
