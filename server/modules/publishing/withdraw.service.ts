/**
 * Withdrawing a published post from the network (a wrong figure, a post the crisis makes
 * untenable): the provider deletes it — a thread part by part, last part first, so no reply is left
 * dangling under a missing parent — and the target moves `published → withdrawn` with the reason in
 * the audit trail. The network call happens outside the transaction; if it fails nothing changes and
 * the person sees the network's answer (a delete is idempotent, so trying again is safe).
 */
import { and, eq } from 'drizzle-orm';
import { requireCapability, type PostRef } from '../../../providers/contract.ts';
import { isProviderError } from '../../../providers/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, HttpError, notFound } from '../../http/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import { publishingDeps } from './provider-resolver.ts';
import { callContext } from './publish-runner.ts';
import { channels, publishTargets } from './publishing.schema.ts';
import { moveTarget, type TargetRow } from './target-transition.ts';

/** What has to be deleted for a target, last part first. */
export function refsToDelete(t: Pick<TargetRow, 'remoteId' | 'threadProgress'>): PostRef[] {
  const parts = t.threadProgress.length > 0 ? t.threadProgress.map((p) => ({ id: p.id, ...(p.cid ? { cid: p.cid } : {}) })) : t.remoteId ? [{ id: t.remoteId }] : [];
  return parts.reverse();
}

export async function withdrawTarget(ctx: AppContext, actor: Actor, workspaceId: string, targetId: string, reason: string): Promise<TargetRow> {
  const { db } = ctx.database;
  const [row] = await db.select({ t: publishTargets, channel: channels }).from(publishTargets).innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .where(and(eq(publishTargets.workspaceId, workspaceId), eq(publishTargets.id, targetId)));
  if (!row) throw notFound('publish target');
  const { t, channel } = row;
  if (t.state !== 'published') throw conflict('not_published', 'Only a published post can be withdrawn from the network.');
  const refs = refsToDelete(t);
  if (refs.length === 0) throw conflict('no_remote_post', 'The network did not tell us which post this is; remove it on the network by hand.');
  const provider = publishingDeps(ctx).providers(channel.network);
  if (!provider?.descriptor.capabilities.includes('delete')) throw conflict('withdraw_unsupported', `Posts on ${channel.network} cannot be withdrawn through Resonanz.`);
  if (channel.status !== 'connected' || !channel.credentialsSealed) throw conflict('channel_not_connected', 'Connect the channel again to withdraw the post.');
  const del = requireCapability(provider, 'delete');
  const cc = callContext({ database: ctx.database, secrets: ctx.secrets }, channel);
  for (const ref of refs) {
    try {
      await del.delete(cc, ref);
    } catch (err) {
      if (!isProviderError(err)) throw err;
      throw new HttpError(502, 'network_refused', `${channel.name}: ${err.networkMessage ?? err.message}`);
    }
  }
  const now = ctx.clock.now();
  const moved = await db.transaction((tx) => moveTarget(tx, actor, t, 'withdrawn', { lastError: null, errorKind: null }, now, reason));
  // Someone else changed it meanwhile: the only way out of `published` is this one, so it is withdrawn already.
  if (!moved) throw conflict('not_published', 'The post was withdrawn meanwhile.');
  return moved;
}
