/**
 * Settling claims: what a network call produced becomes the target's next state. `planSettle` is the
 * decision (pure: retry with back-off only for `retry`/`rate_limited`, Retry-After and rate-limit
 * resets honoured, unknown outcomes left to the reconciler, never re-sent blindly). The publish cycle
 * (publish-cycle.ts) writes the plans of many claims in one transaction — every move guarded by its
 * claim token, so a late answer from a worker whose lease was taken over changes nothing.
 */
import { DEFAULT_RETRY_AFTER_MS, isProviderError, type ProviderError } from '../../../providers/errors.ts';
import type { TargetState } from './publish-state.ts';
import type { Claim, RunOutcome, SendResult } from './publish-types.ts';
import type { TargetPatch } from './target-transition.ts';

export interface SettlePlan {
  /** The state change (guarded by the claim token). */
  move?: { to: TargetState; patch: TargetPatch; note?: string };
  /** Ends the lease only, keeping `publishing`: the reconciler decides (unknown outcome). */
  expireLease?: { errorKind?: string; lastError?: string };
  /** What the channel learns (rate limit, lost authorisation). */
  channel?: { blockedUntil?: Date; needsReauth?: string };
  outcome: RunOutcome;
}

const released = { claimToken: null, leaseUntil: null } as const;

/** The next state of a claimed target given what the network call produced. */
export function planSettle(c: Claim, result: SendResult, now: Date, maxAttempts: number): SettlePlan {
  if ('release' in result) {
    if (c.reconciling) return { expireLease: {}, outcome: { kind: 'skipped', reason: `not re-sent (${result.release})` } };
    // Never sent: the claim is given back as if it had not happened (attempts, first-send time) —
    // unless parts of a thread went out, whose idempotency window did start.
    const patch: TargetPatch = result.partsSent ? { ...released } : { ...released, attempts: c.before.attempts, firstSentAt: c.before.firstSentAt };
    if (result.release === 'paused') return { move: { to: 'scheduled', patch, note: 'released: publishing paused' }, outcome: { kind: 'skipped', reason: 'publishing paused' } };
    return { move: { to: 'scheduled', patch: { ...patch, notBefore: result.until }, note: 'released: channel rate-limited' }, outcome: { kind: 'defer', runAt: result.until, reason: 'channel rate-limited' } };
  }
  if ('unconfirmed' in result) {
    return { move: { to: 'unconfirmed', patch: { ...released, errorKind: 'unknown_outcome', lastError: result.unconfirmed } }, outcome: { kind: 'skipped', reason: 'unconfirmed' } };
  }
  if (result.ok) {
    return {
      move: { to: 'published', patch: { ...released, remoteId: result.remoteId, remoteUrl: result.remoteUrl ?? null, publishedAt: result.publishedAt, errorKind: null, lastError: null }, ...(result.parts ? { note: `thread of ${result.parts} parts` } : {}) },
      outcome: { kind: 'published', remoteId: result.remoteId },
    };
  }
  const e = result.error;
  if (!isProviderError(e)) {
    const reason = String((e as Error)?.message ?? e);
    return { move: { to: 'failed', patch: { ...released, errorKind: 'internal', lastError: reason } }, outcome: { kind: 'failed', reason } };
  }
  const pe = e as ProviderError;
  if (pe.kind === 'retry' || pe.kind === 'rate_limited') {
    if (c.target.attempts >= maxAttempts) {
      return { move: { to: 'failed', patch: { ...released, errorKind: pe.kind, lastError: `Gave up after ${c.target.attempts} attempts: ${pe.message}` } }, outcome: { kind: 'failed', reason: pe.message } };
    }
    const waitMs = pe.retryAfterMs ?? Math.min(DEFAULT_RETRY_AFTER_MS, 1000 * 2 ** c.target.attempts);
    const runAt = new Date(now.getTime() + waitMs);
    return {
      move: { to: 'scheduled', patch: { ...released, notBefore: runAt, errorKind: pe.kind, lastError: pe.message }, note: 'retry' },
      ...(pe.kind === 'rate_limited' ? { channel: { blockedUntil: pe.resetAt ?? runAt } } : {}),
      outcome: { kind: 'retry', runAt },
    };
  }
  if (pe.kind === 'reauth') {
    return { move: { to: 'failed', patch: { ...released, errorKind: 'reauth', lastError: pe.message } }, channel: { needsReauth: pe.networkMessage ?? pe.message }, outcome: { kind: 'failed', reason: pe.message } };
  }
  // Leave it to the reconciler right away: the lease ends now, nothing is re-sent blindly.
  if (pe.kind === 'unknown_outcome') return { expireLease: { errorKind: 'unknown_outcome', lastError: pe.message }, outcome: { kind: 'unknown_outcome' } };
  const reason = pe.networkMessage ?? pe.message;
  return { move: { to: 'failed', patch: { ...released, errorKind: pe.kind, lastError: reason } }, outcome: { kind: 'failed', reason } };
}
