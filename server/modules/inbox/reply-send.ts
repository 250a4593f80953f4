/**
 * Sending one reply (or like/boost) through the channel's provider, in the right thread:
 * Bluesky gets root + parent strong refs (the stored CIDs; the provider reads missing ones from
 * the repository), Mastodon `in_reply_to_id` (and `direct` visibility for a DM, with the author
 * mentioned, as Mastodon only delivers direct statuses to mentioned accounts). The request's
 * target id is `inbox-reply:<reply id>`, so a repeated send after a crash is de-duplicated by the
 * network (Bluesky: deterministic record key; Mastodon: Idempotency-Key within one hour).
 */
import { eq } from 'drizzle-orm';
import { countText } from '../../../providers/text-count.ts';
import type { PostRef, Provider, ProviderLimits, TextLimits, Visibility } from '../../../providers/contract.ts';
import { isProviderError } from '../../../providers/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, unprocessable } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { detectLanguage } from '../listening/nlp/language-detector.ts';
import { callContext } from '../publishing/publish-runner.ts';
import { publishingDeps } from '../publishing/provider-resolver.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { inboxAuthors, inboxReplies } from './inbox.schema.ts';
import { markResponded } from './item.service.ts';
import { emitItemEvent, getItem, type InboxItemRow } from './item-store.ts';

export type ReplyRow = typeof inboxReplies.$inferSelect;
type ChannelRow = typeof channels.$inferSelect;

export interface ReplyChannel { channel: ChannelRow; provider: Provider; limits: TextLimits }

/** The channel and provider an item is answered through, or a 422 naming why not. */
export async function replyChannelOf(ctx: AppContext, tx: Tx, item: InboxItemRow, capability: 'reply' | 'engage' = 'reply'): Promise<ReplyChannel> {
  const [channel] = item.channelId ? await tx.select().from(channels).where(eq(channels.id, item.channelId)) : [];
  if (!channel || channel.status !== 'connected' || !channel.credentialsSealed) {
    throw unprocessable('channel_not_connected', 'This item came in through a channel that is not connected; reconnect it to answer.', [{ path: 'params.itemId', message: 'channel not connected' }]);
  }
  const provider = publishingDeps(ctx).providers(channel.network);
  if (!provider || !provider.descriptor.capabilities.includes(capability) || !provider[capability]) {
    throw unprocessable('not_supported', `${provider?.descriptor.displayName ?? channel.network} does not support this from the inbox.`, [{ path: 'params.itemId', message: `${capability} not supported by the network` }]);
  }
  const limits = (channel.limits as ProviderLimits | null)?.text ?? provider.descriptor.defaultLimits.text;
  return { channel, provider, limits };
}

/** The text as it will be sent: a Mastodon reply names the author first when the text does not. */
export async function outgoingText(tx: Tx, item: InboxItemRow, text: string): Promise<string> {
  if (item.network !== 'mastodon' || !item.authorId) return text;
  const [a] = await tx.select({ handle: inboxAuthors.handle, pseudonymisedAt: inboxAuthors.pseudonymisedAt }).from(inboxAuthors).where(eq(inboxAuthors.id, item.authorId));
  if (!a || a.pseudonymisedAt || !a.handle.startsWith('@')) return text;
  return text.toLowerCase().includes(a.handle.toLowerCase()) ? text : `${a.handle} ${text}`;
}

/** 422 naming `body.text` when the reply is longer than the network allows; nothing is sent. */
export function assertFits(text: string, limits: TextLimits): void {
  const n = countText(text, limits.counting);
  if (n > limits.maxLength) {
    throw unprocessable('text_too_long', `The reply has ${n} characters; this network allows ${limits.maxLength}.`, [{ path: 'body.text', message: `${n} of at most ${limits.maxLength} characters (as the network counts)` }]);
  }
}

export function replyTarget(item: InboxItemRow): { to: PostRef; visibility?: Visibility } {
  const to: PostRef = { id: item.externalId, cid: item.externalCid ?? undefined };
  if (item.rootExternalId && item.rootExternalId !== item.externalId) to.root = { id: item.rootExternalId, cid: item.rootCid ?? undefined };
  return { to, visibility: item.network === 'mastodon' && item.kind === 'dm' ? 'direct' : undefined };
}

/**
 * Sends a reply row in state `sending` and settles it (sent → first response; failed → error kept).
 * Outside any transaction: the network call must not hold a database transaction open.
 */
export async function sendReply(ctx: AppContext, actor: Actor, reply: ReplyRow): Promise<ReplyRow> {
  const { db } = ctx.database;
  const item = (await getItem(db, reply.workspaceId, reply.itemId))!;
  let outcome: { ok: true; id: string; url: string | null } | { ok: false; kind: string; message: string };
  try {
    const rc = await replyChannelOf(ctx, db, item, reply.kind === 'reply' ? 'reply' : 'engage');
    const call = callContext({ database: ctx.database, secrets: ctx.secrets }, rc.channel);
    const { to, visibility } = replyTarget(item);
    if (reply.kind === 'reply') {
      const lang = detectLanguage(reply.text).lang ?? item.language;
      const r = await rc.provider.reply!.reply(call, to, { targetId: `inbox-reply:${reply.id}`, text: reply.text, visibility, languages: lang ? [lang] : undefined });
      outcome = { ok: true, id: r.ref.id, url: r.ref.url ?? null };
    } else {
      await (reply.kind === 'like' ? rc.provider.engage!.like(call, to) : rc.provider.engage!.boost(call, to));
      outcome = { ok: true, id: to.id, url: null };
    }
  } catch (e) {
    if (isProviderError(e)) outcome = { ok: false, kind: e.kind, message: e.message };
    else if (e instanceof HttpError) outcome = { ok: false, kind: e.code, message: e.message };
    else throw e;
  }
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const [after] = await tx.update(inboxReplies).set(outcome.ok
      ? { state: 'sent', remoteId: outcome.id, remoteUrl: outcome.url, sentAt: now, errorKind: null, lastError: null, updatedAt: now }
      : { state: 'failed', errorKind: outcome.kind, lastError: outcome.message.slice(0, 500), updatedAt: now }).where(eq(inboxReplies.id, reply.id)).returning();
    await recordAudit(tx, actor, {
      workspaceId: reply.workspaceId, action: outcome.ok ? `inbox.${reply.kind}.sent` : `inbox.${reply.kind}.failed`, objectType: 'inbox_reply', objectId: reply.id,
      before: { state: reply.state }, after: outcome.ok ? { state: 'sent', remoteId: outcome.id } : { state: 'failed', errorKind: outcome.kind },
    }, now);
    if (outcome.ok && reply.kind === 'reply') await markResponded(tx, ctx, (await getItem(tx, reply.workspaceId, reply.itemId))!, reply.authorId, now);
    else await emitItemEvent(tx, ctx, reply.workspaceId, 'inbox.item.updated', reply.itemId, { reply: reply.id });
    return after!;
  });
}
