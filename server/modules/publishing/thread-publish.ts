/**
 * Publishing a thread: one target, several network posts, each a reply to the one before (Bluesky:
 * reply refs with root and parent; Mastodon: `in_reply_to_id`). The state machine stays per target —
 * `publishing` until every part is out, then `published` with the first part's URL.
 *
 * Exactly once per part: part i is sent under its own identity (`partIdFor(target, i)`: Bluesky's
 * record key, Mastodon's Idempotency-Key), and after each part its reference is written to the target
 * (`thread_progress`, guarded by the claim token, with its audit row) before the next is sent. A crash
 * between parts therefore resumes with the next part and never re-posts one: parts recorded as sent
 * are skipped; the one part whose answer may have been lost is repeated under the same identity, so
 * the network returns the existing post. The reconciler checks what it cannot know (`reconcileThread`).
 *
 * Images go on the first part only: it is the post people see in their timelines and the one the
 * target's URL points to; the following parts continue its text. The content warning and the
 * language go on every part (Mastodon hides each reply behind the warning).
 */
import type { MediaItem, PostRef, Provider, PublishRequest } from '../../../providers/contract.ts';
import { ProviderError } from '../../../providers/errors.ts';
import { and, eq } from 'drizzle-orm';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { PauseGate } from './publish-gate.ts';
import type { Claim, RunnerDeps, SendResult } from './publish-types.ts';
import { publishTargets, type ThreadPartRef } from './publishing.schema.ts';
import { partIdFor } from './thread-parts.ts';

export interface ThreadCall {
  /** The single-post request of the target (languages, content warning); text and identity are replaced per part. */
  base: PublishRequest;
  media: MediaItem[];
  /** Builds the call context for one part (a fresh timeout per part). */
  callContext: () => Parameters<NonNullable<Provider['publish']>['publish']>[0];
  gate: PauseGate;
}

/** The reply reference of the part after `sent` (parent: the last part; root: the first). */
export function replyRefFor(sent: readonly ThreadPartRef[]): PostRef | undefined {
  const first = sent[0];
  const parent = sent.at(-1);
  if (!first || !parent) return undefined;
  return { id: parent.id, ...(parent.cid ? { cid: parent.cid } : {}), root: { id: first.id, ...(first.cid ? { cid: first.cid } : {}) } };
}

/** The request for part `index` of a thread whose earlier parts are `sent`. */
export function partRequest(base: PublishRequest, parts: readonly string[], index: number, sent: readonly ThreadPartRef[], media: MediaItem[]): PublishRequest {
  const { media: _none, replyTo: _noReply, ...rest } = base;
  const replyTo = index > 0 ? replyRefFor(sent) : undefined;
  return { ...rest, targetId: partIdFor(base.targetId, index), text: parts[index]!, ...(index === 0 && media.length ? { media } : {}), ...(replyTo ? { replyTo } : {}) };
}

/**
 * Records that part `index` is out (its reference appended to the progress) and renews the lease, in
 * one transaction with its audit row. False when the claim is no longer ours (taken over after an
 * expired lease): then nothing more may be sent.
 */
async function recordPart(deps: RunnerDeps, c: Claim, sent: ThreadPartRef[], total: number): Promise<boolean> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const r = await tx.update(publishTargets)
      .set({ threadProgress: sent, leaseUntil: new Date(now.getTime() + deps.leaseMs), updatedAt: now })
      .where(and(eq(publishTargets.id, c.target.id), eq(publishTargets.claimToken, c.token), eq(publishTargets.state, 'publishing')))
      .returning({ id: publishTargets.id });
    if (r.length === 0) return false;
    const part = sent.at(-1)!;
    await recordAudit(tx, SYSTEM_ACTOR, {
      workspaceId: c.target.workspaceId, action: 'publish_target.part_published', objectType: 'publish_target', objectId: c.target.id,
      after: { part: sent.length, of: total, remoteId: part.id, ...(part.url ? { remoteUrl: part.url } : {}) },
    }, now);
    return true;
  });
}

/**
 * Sends the parts of a claimed thread that are not on the network yet, in order, behind the pause
 * gate before each. Provider errors are thrown (the caller turns them into a result); a pause or a
 * rate limit between parts gives the claim back with its progress kept.
 */
export async function publishThread(deps: RunnerDeps, c: Claim, provider: Provider, call: ThreadCall): Promise<SendResult> {
  const parts = c.target.threadParts!;
  const sent: ThreadPartRef[] = [...(c.target.threadProgress ?? [])];
  const start = sent.length;
  for (let i = start; i < parts.length; i++) {
    if (i > start) {
      // The caller asked the gate before the first part; every later part asks again.
      const verdict = await call.gate.check(c.target.workspaceId, c.channel.id);
      if (verdict.paused) return { release: 'paused', partsSent: sent.length };
      if (verdict.blockedUntil) return { release: 'blocked', until: verdict.blockedUntil, partsSent: sent.length };
    }
    const r = await provider.publish!.publish(call.callContext(), partRequest(call.base, parts, i, sent, call.media));
    sent.push({ id: r.ref.id, ...(r.ref.cid ? { cid: r.ref.cid } : {}), ...(r.ref.url ? { url: r.ref.url } : {}) });
    if (!(await recordPart(deps, c, sent, parts.length))) {
      throw new ProviderError({ kind: 'unknown_outcome', network: c.channel.network, message: 'The claim on this thread was taken over; the reconciler continues it.' });
    }
  }
  const first = sent[0]!;
  return { ok: true, remoteId: first.id, remoteUrl: first.url, publishedAt: deps.clock.now(), parts: parts.length };
}

/** Re-sending within the window is only safe with a margin for clock skew and our own latency. */
export const WINDOW_MARGIN_MS = 5 * 60_000;

/**
 * The reconciler's decision for a thread left in `publishing` by a crashed worker. Bluesky
 * (deterministic keys): the PDS is asked for each part not recorded as sent; parts it has are
 * recorded, and the thread continues after the last one (`resume`). Mastodon (Idempotency-Key):
 * within the key's window the remaining parts are re-sent under their keys (the instance answers a
 * repeated part with the original status); after it the target is `unconfirmed` — a person checks.
 */
export async function reconcileThread(
  deps: RunnerDeps, c: Claim, provider: Provider, now: Date,
  ctx: () => Parameters<NonNullable<Provider['publish']>['reconcile']>[0],
  resume: (c: Claim) => Promise<SendResult>,
): Promise<SendResult> {
  const parts = c.target.threadParts!;
  const sent: ThreadPartRef[] = [...(c.target.threadProgress ?? [])];
  const name = provider.descriptor.displayName;
  const idem = provider.descriptor.idempotency;
  if (idem.kind === 'deterministic_key') {
    for (let i = sent.length; i < parts.length; i++) {
      let r;
      try {
        r = await provider.publish!.reconcile(ctx(), partIdFor(c.target.id, i));
      } catch (e) {
        r = { status: 'unknown' as const, reason: String((e as Error)?.message ?? e) };
      }
      if (r.status === 'absent') break;
      if (r.status === 'unknown') return { unconfirmed: `Could not verify whether part ${i + 1} of ${parts.length} of the thread reached ${name}: ${r.reason}` };
      sent.push({ id: r.ref.id, ...(r.ref.cid ? { cid: r.ref.cid } : {}), ...(r.ref.url ? { url: r.ref.url } : {}) });
      if (!(await recordPart(deps, c, sent, parts.length))) return { unconfirmed: 'The thread was taken over while it was checked.' };
    }
    // Every later part derives its key from the target: sending them cannot create a second post.
    return resume({ ...c, target: { ...c.target, threadProgress: sent } });
  }
  if (sent.length === parts.length) {
    const first = sent[0]!;
    return { ok: true, remoteId: first.id, remoteUrl: first.url, publishedAt: now, parts: parts.length };
  }
  // The window of every part's key opened no earlier than the thread's first send.
  const first = c.target.firstSentAt?.getTime() ?? now.getTime();
  if (now.getTime() < first + idem.windowMs - WINDOW_MARGIN_MS) return resume(c);
  return {
    unconfirmed: `${sent.length} of ${parts.length} parts of the thread are published; whether part ${sent.length + 1} reached ${name} is unknown and ${name} no longer de-duplicates a re-send. Check the account before retrying.`,
  };
}
