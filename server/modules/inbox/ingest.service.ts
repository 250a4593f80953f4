/**
 * Ingestion of one inbound batch of a channel: analyse (language, sentiment), store author and item
 * once (dedupe key), link it to our published post and its conversation, route it (crisis policy,
 * then the routing rules), compute the SLA due dates, and commit the stream cursor — all in one
 * transaction, so after a crash either the items and their cursor are stored or neither is.
 * Running a batch twice stores nothing twice: duplicates are skipped and change nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { InboundBatch, InboundItem } from '../../../providers/contract.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAuditBatch, SYSTEM_ACTOR, type Actor, type AuditEvent } from '../audit/audit.service.ts';
import { erasedAmong } from '../privacy/scrub.ts';
import { crisisInboxPolicy } from '../crisis/crisis-inbox.ts';
import { detectLanguage } from '../listening/nlp/language-detector.ts';
import { sharedAnalyzer } from '../listening/nlp/sentiment-analyzer.ts';
import { notify } from '../notifications/notify.service.ts';
import { publishTargets } from '../publishing/publishing.schema.ts';
import { dueDatesWith, loadSlaContext } from '../sla/sla-targets.ts';
import { leastLoaded, resolveAssignee, workers } from './assignment.ts';
import { inboxCursors, inboxItems } from './inbox.schema.ts';
import { emitItemEvent, insertItem, upsertAuthor, type ItemKind } from './item-store.ts';
import { loadCompiledRules } from './rules.service.ts';
import { route } from './routing.ts';

export interface IngestChannel { id: string; workspaceId: string; network: string; serviceUrl: string | null; name: string }

const SENTIMENT = { negative: -1, neutral: 0, positive: 1 } as const;

/** Network-wide unique key: AT URIs are global; Mastodon status ids are unique per instance. */
export function itemDedupeKey(ch: Pick<IngestChannel, 'network' | 'serviceUrl'>, externalId: string, instanceUrl?: string | null): string {
  if (ch.network === 'mastodon') {
    const host = new URL(instanceUrl ?? ch.serviceUrl ?? 'https://unknown.invalid').host;
    return `mastodon:${host}:${externalId}`;
  }
  return `${ch.network}:${externalId}`;
}

interface Analysed { item: InboundItem; language: string | null; sentiment: -1 | 0 | 1; score: number }

/** Language and sentiment with the instance's listening analyzer (built-in, or the configured ONNX model). */
async function analyse(config: AppContext['config'], items: InboundItem[]): Promise<Analysed[]> {
  const a = sharedAnalyzer(config);
  return Promise.all(items.map(async (item) => {
    const declared = item.languages?.[0]?.toLowerCase().slice(0, 2) ?? null;
    const language = declared ?? detectLanguage(item.text).lang;
    const s = await a.analyze(item.text, language);
    return { item, language, sentiment: SENTIMENT[s.sentiment], score: s.score };
  }));
}

export interface IngestResult { created: string[]; duplicates: number }

/**
 * Stores a batch and its cursor. `stream` names the cursor row (`notifications`, `firehose` …);
 * `instanceUrl` is the Mastodon instance of the channel's credentials (dedupe namespace).
 */
export async function ingestBatch(
  ctx: Pick<AppContext, 'database' | 'events' | 'clock' | 'config' | 'secrets'>,
  ch: IngestChannel, stream: string, batch: InboundBatch, opts: { instanceUrl?: string | null } = {},
): Promise<IngestResult> {
  const analysed = await analyse(ctx.config, batch.items);
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const result: IngestResult = { created: [], duplicates: 0 };
    if (analysed.length > 0) {
      // One after another: a transaction is one connection, it runs one query at a time anyway.
      const rules = await loadCompiledRules(tx, ch.workspaceId);
      const crisis = await crisisInboxPolicy(tx, ch.workspaceId);
      const sla = await loadSlaContext(tx, ch.workspaceId);
      const ourPosts = await publishedTargets(tx, ch.id, analysed.flatMap((a) => [a.item.ourPost?.id, a.item.ref.root?.id].filter((x): x is string => !!x)));
      const onDuty = new Map<string, Promise<string[]>>();
      const audits: { actor: Actor; event: AuditEvent }[] = [];
      // Posts whose author had them erased stay erased when a replay or backfill brings them again.
      const keys = analysed.map((a) => itemDedupeKey(ch, a.item.ref.id, opts.instanceUrl));
      const erased = await erasedAmong(tx, ctx, ch.workspaceId, keys);
      for (const [k, a] of analysed.entries()) {
        const it = a.item;
        const dedupeKey = keys[k]!;
        if (erased.has(dedupeKey)) {
          result.duplicates++;
          continue;
        }
        const authorId = await upsertAuthor(tx, ch.workspaceId, {
          network: ch.network, externalId: it.author.id, handle: it.author.handle, displayName: it.author.displayName ?? null,
          avatarUrl: it.author.avatarUrl ?? null, profileUrl: it.author.url ?? null, followerCount: it.author.followerCount ?? null,
        }, now);
        const d = route(rules, { text: it.text, channelId: ch.id, network: ch.network, language: a.language, sentiment: a.sentiment, kind: it.kind, authorHandle: it.author.handle, followerCount: it.author.followerCount ?? null, url: it.ref.url });
        let priority = d.priority ?? 'normal';
        let assigneeId = d.assign ? await resolveAssignee(tx, ch.workspaceId, ch.id, d.assign, now, onDuty) : null;
        const tags = [...d.tags];
        if (crisis?.matches({ text: it.text, channelId: ch.id, lang: a.language, author: it.author.handle, source: ch.network, url: it.ref.url })) {
          priority = 'crisis';
          assigneeId = (await leastLoaded(tx, ch.workspaceId, await workers(tx, ch.workspaceId, crisis.teamUserIds))) ?? assigneeId;
        }
        const due = dueDatesWith(sla, { channelId: ch.id, priority, receivedAt: it.createdAt });
        const parentKey = it.inReplyTo ? await conversationOf(tx, ch.workspaceId, itemDedupeKey(ch, it.inReplyTo.id, opts.instanceUrl)) : null;
        const rootId = it.ref.root?.id ?? (it.kind === 'comment' || it.kind === 'quote' ? it.ourPost?.id : undefined) ?? null;
        const status = d.status ?? (assigneeId ? 'assigned' : 'new');
        const { item, created } = await insertItem(tx, {
          workspaceId: ch.workspaceId, channelId: ch.id, network: ch.network, externalId: it.ref.id, externalCid: it.ref.cid ?? null,
          dedupeKey, url: it.ref.url ?? null, kind: it.kind as ItemKind, text: it.text,
          language: a.language, sentiment: a.sentiment, sentimentScore: a.score, authorId,
          parentExternalId: it.inReplyTo?.id ?? null, parentCid: it.inReplyTo?.cid ?? null,
          rootExternalId: rootId, rootCid: it.ref.root?.cid ?? it.ourPost?.cid ?? null,
          conversationKey: parentKey ?? rootId ?? it.inReplyTo?.id ?? it.ref.id,
          publishTargetId: ourPosts.get(it.ourPost?.id ?? '') ?? ourPosts.get(it.ref.root?.id ?? '') ?? null,
          receivedAt: it.createdAt, status, assigneeId, priority, tags,
          resolvedAt: d.status ? now : null,
          slaFirstDueAt: due.firstResponseDueAt, slaResolveDueAt: due.resolutionDueAt, slaFirstWarnAt: due.firstResponseWarnAt, slaResolveWarnAt: due.resolutionWarnAt,
          raw: it.raw ?? null,
        }, now);
        if (!created) {
          result.duplicates++;
          continue;
        }
        result.created.push(item.id);
        if (d.ruleIds.length > 0 || priority === 'crisis') {
          audits.push({ actor: SYSTEM_ACTOR, event: { workspaceId: ch.workspaceId, action: 'inbox.item.routed', objectType: 'inbox_item', objectId: item.id, after: { rules: d.ruleIds, assigneeId, priority, tags, status } } });
        }
        await emitItemEvent(tx, ctx, ch.workspaceId, 'inbox.item.created', item.id, { channelId: ch.id, assigneeId });
        if (assigneeId) await notifyAssigned(tx, ctx, ch.workspaceId, item.id, assigneeId, ch.name);
      }
      if (audits.length > 0) await recordAuditBatch(tx, audits, now);
    }
    await saveCursor(tx, ch, stream, batch.cursor, now);
    return result;
  });
}

/** Publish targets of this channel by remote id (our posts), for the "reply to our post" link. */
async function publishedTargets(tx: Tx, channelId: string, remoteIds: string[]): Promise<Map<string, string>> {
  if (remoteIds.length === 0) return new Map();
  const rows = await tx.select({ id: publishTargets.id, remoteId: publishTargets.remoteId }).from(publishTargets)
    .where(and(eq(publishTargets.channelId, channelId), inArray(publishTargets.remoteId, [...new Set(remoteIds)])));
  return new Map(rows.map((r) => [r.remoteId!, r.id]));
}

async function conversationOf(tx: Tx, workspaceId: string, dedupeKey: string): Promise<string | null> {
  const [row] = await tx.select({ key: inboxItems.conversationKey }).from(inboxItems).where(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.dedupeKey, dedupeKey)));
  return row?.key ?? null;
}

export async function saveCursor(tx: Tx, ch: Pick<IngestChannel, 'id' | 'workspaceId'>, stream: string, cursor: string | null, now: Date): Promise<void> {
  await tx.insert(inboxCursors).values({ channelId: ch.id, stream, workspaceId: ch.workspaceId, cursor, lastPolledAt: now, lastError: null, updatedAt: now })
    .onConflictDoUpdate({ target: [inboxCursors.channelId, inboxCursors.stream], set: { cursor, lastPolledAt: now, lastError: null, updatedAt: now } });
}

export async function notifyAssigned(tx: Tx, ctx: Pick<AppContext, 'events' | 'clock' | 'config'>, workspaceId: string, itemId: string, userId: string, channelName: string, actorId: string | null = null): Promise<void> {
  await notify(tx, ctx, {
    workspaceId, userIds: [userId], exceptUserIds: actorId ? [actorId] : [], kind: 'inbox.assigned', objectId: itemId, link: `/inbox/items/${itemId}`,
    title: { de: 'Neue Nachricht im Posteingang', en: 'New message in your inbox' },
    body: { de: `Ihnen wurde eine Nachricht aus „${channelName}“ zugewiesen.`, en: `A message from "${channelName}" was assigned to you.` },
  });
}

/** Keeps the cursor row's error fields current (shown under "ingestion status"). */
export async function recordCursorError(tx: Tx, ch: Pick<IngestChannel, 'id' | 'workspaceId'>, stream: string, message: string, now: Date): Promise<void> {
  await tx.insert(inboxCursors).values({ channelId: ch.id, stream, workspaceId: ch.workspaceId, cursor: null, lastError: message.slice(0, 500), lastErrorAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [inboxCursors.channelId, inboxCursors.stream], set: { lastError: message.slice(0, 500), lastErrorAt: now, updatedAt: now } });
}

