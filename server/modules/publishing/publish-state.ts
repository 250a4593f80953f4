/**
 * The publish state machine of one target (post × channel). Every change of `state` goes through
 * `assertTransition`, so an illegal move (e.g. `published → scheduled`) is a bug that fails loudly
 * instead of a silently corrupted editorial plan.
 */
export const TARGET_STATES = [
  'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'unconfirmed', 'expired', 'withdrawn',
] as const;
export type TargetState = (typeof TARGET_STATES)[number];

/** Allowed moves. Self-loops are listed where they carry meaning (a re-send keeps `publishing`). */
export const TRANSITIONS: Readonly<Record<TargetState, readonly TargetState[]>> = {
  draft: ['in_review'],
  // back to draft: changes requested or withdrawn; in_review → in_review: edited while in review.
  in_review: ['draft', 'approved', 'in_review'],
  approved: ['scheduled', 'expired', 'in_review', 'draft'],
  // scheduled → approved: unscheduled; → scheduled: retry after a transient error.
  // scheduled → failed: the channel lost its authorisation before the post was due.
  scheduled: ['publishing', 'approved', 'in_review', 'draft', 'failed'],
  // publishing → scheduled: retry later (transient error, rate limit); → publishing: reconciler re-send.
  publishing: ['published', 'failed', 'unconfirmed', 'scheduled', 'publishing'],
  // published → withdrawn: deleted from the network on purpose (withdraw.service.ts); nothing after that.
  published: ['withdrawn'],
  failed: ['in_review', 'scheduled', 'draft'],
  // A human checked the network: it is there (published) or not (scheduled again).
  unconfirmed: ['published', 'scheduled', 'failed'],
  expired: ['scheduled', 'in_review', 'draft'],
  withdrawn: [],
};

export class IllegalTransitionError extends Error {
  readonly from: TargetState;
  readonly to: TargetState;
  constructor(from: TargetState, to: TargetState) {
    super(`Illegal publish state transition: ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.to = to;
  }
}

export function canTransition(from: TargetState, to: TargetState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `IllegalTransitionError` unless `from → to` is in the table. */
export function assertTransition(from: TargetState, to: TargetState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** States in which the content is frozen: editing would change what is (being) sent. */
export function isLocked(state: TargetState): boolean {
  return state === 'publishing' || state === 'published' || state === 'unconfirmed' || state === 'withdrawn';
}

/** Where a target goes when the post's content hash changes (any edit of approved content re-opens review). */
export function stateAfterEdit(state: TargetState): TargetState {
  if (isLocked(state)) throw new IllegalTransitionError(state, 'in_review');
  return state === 'draft' ? 'draft' : 'in_review';
}

/**
 * Where an approved target goes once its approval is complete: scheduled if its time is still
 * ahead; otherwise `expired` (never silently late) unless the workspace asked for immediate publish.
 */
export function stateAfterApproval(scheduledAt: Date | null, now: Date, lateApproval: 'expire' | 'publish_now'): { state: TargetState; scheduledAt: Date | null } {
  if (!scheduledAt) return { state: 'approved', scheduledAt: null };
  if (scheduledAt.getTime() > now.getTime()) return { state: 'scheduled', scheduledAt };
  return lateApproval === 'publish_now' ? { state: 'scheduled', scheduledAt: now } : { state: 'expired', scheduledAt };
}
