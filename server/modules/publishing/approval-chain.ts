/**
 * Approval chains: ordered steps, each naming who may approve (roles and/or named members) and
 * whether any one or all of them must. Pure: the service loads memberships and approvals and asks
 * this module which step is pending and whether a person may decide it.
 */
export interface ApprovalStep {
  name: string;
  roles: readonly string[];
  userIds: readonly string[];
  mode: 'any' | 'all';
}

export interface Member {
  userId: string;
  roles: readonly string[];
}

/** One recorded decision; only approvals for the post's current content hash count. */
export interface ApprovalRecord {
  userId: string;
  stepIndex: number;
  contentHash: string;
  decision: 'approved' | 'changes_requested';
}

/** Editor review, then approval (the default chain). */
export const DEFAULT_CHAIN: readonly ApprovalStep[] = [
  { name: 'Redaktion', roles: ['editor', 'duty_editor', 'admin', 'owner'], userIds: [], mode: 'any' },
  { name: 'Freigabe', roles: ['approver', 'duty_editor', 'admin', 'owner'], userIds: [], mode: 'any' },
];

/** True when `member` is named by the step (role or explicit user). */
export function qualifies(step: ApprovalStep, member: Member): boolean {
  return step.userIds.includes(member.userId) || member.roles.some((r) => step.roles.includes(r));
}

/**
 * Who must approve a step in `all` mode: the qualifying members except the author (four-eyes).
 * An `all` step with nobody left to ask can never complete — `validateChain` reports it.
 */
export function requiredApprovers(step: ApprovalStep, members: readonly Member[], authorId: string): string[] {
  return members.filter((m) => m.userId !== authorId && qualifies(step, m)).map((m) => m.userId);
}

export interface ChainStatus {
  /** Index of the first step not yet satisfied; null when the chain is complete. */
  pendingStep: number | null;
  complete: boolean;
  steps: { name: string; approvedBy: string[]; satisfied: boolean; waitingFor: string[] }[];
}

/**
 * Evaluates the chain for the current content hash. Approvals for an older hash are ignored (an
 * edit restarts review); the author's own approvals never count; each person satisfies one step
 * at most, so "editor → approver" always means two different people besides the author.
 */
export function evaluateChain(
  chain: readonly ApprovalStep[],
  approvals: readonly ApprovalRecord[],
  ctx: { contentHash: string; authorId: string; members: readonly Member[] },
): ChainStatus {
  const current = approvals.filter((a) => a.contentHash === ctx.contentHash && a.decision === 'approved' && a.userId !== ctx.authorId);
  const byId = new Map(ctx.members.map((m) => [m.userId, m]));
  const used = new Set<string>();
  const steps: ChainStatus['steps'] = [];
  let pendingStep: number | null = null;
  chain.forEach((step, i) => {
    const approvedBy = [...new Set(current.filter((a) => a.stepIndex === i && !used.has(a.userId)).map((a) => a.userId))]
      .filter((u) => {
        const m = byId.get(u);
        return m !== undefined && qualifies(step, m);
      });
    let satisfied: boolean;
    let waitingFor: string[];
    if (step.mode === 'any') {
      satisfied = approvedBy.length > 0;
      waitingFor = satisfied ? [] : requiredApprovers(step, ctx.members, ctx.authorId).filter((u) => !used.has(u));
    } else {
      const required = requiredApprovers(step, ctx.members, ctx.authorId);
      waitingFor = required.filter((u) => !approvedBy.includes(u));
      satisfied = required.length > 0 && waitingFor.length === 0;
    }
    // Steps after the first unsatisfied one do not count yet: the chain is ordered.
    if (pendingStep !== null) satisfied = false;
    if (satisfied) approvedBy.forEach((u) => used.add(u));
    if (!satisfied && pendingStep === null) pendingStep = i;
    steps.push({ name: step.name, approvedBy, satisfied, waitingFor });
  });
  return { pendingStep, complete: pendingStep === null, steps };
}

export type DecisionCheck = { ok: true; stepIndex: number } | { ok: false; code: 'four_eyes' | 'not_eligible' | 'already_decided' | 'chain_complete'; message: string };

/** May `member` decide the pending step now? */
export function canDecide(
  chain: readonly ApprovalStep[],
  approvals: readonly ApprovalRecord[],
  member: Member,
  ctx: { contentHash: string; authorId: string; members: readonly Member[] },
): DecisionCheck {
  if (member.userId === ctx.authorId) return { ok: false, code: 'four_eyes', message: 'Authors cannot approve their own post (four-eyes principle).' };
  const status = evaluateChain(chain, approvals, ctx);
  if (status.pendingStep === null) return { ok: false, code: 'chain_complete', message: 'The post is already fully approved.' };
  const step = chain[status.pendingStep]!;
  if (!qualifies(step, member)) return { ok: false, code: 'not_eligible', message: `You are not an approver of step "${step.name}".` };
  const earlier = status.steps.slice(0, status.pendingStep).some((s) => s.approvedBy.includes(member.userId));
  const here = status.steps[status.pendingStep]!.approvedBy.includes(member.userId);
  if (earlier || here) return { ok: false, code: 'already_decided', message: 'You already approved this version in an earlier step; another person must approve this step.' };
  return { ok: true, stepIndex: status.pendingStep };
}

/** Configuration errors an admin can fix (empty chain, step naming nobody). */
export function validateChain(chain: readonly ApprovalStep[]): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (chain.length === 0) errors.push({ path: 'body.steps', message: 'A chain needs at least one step.' });
  chain.forEach((s, i) => {
    if (s.roles.length === 0 && s.userIds.length === 0) errors.push({ path: `body.steps.${i}`, message: 'A step must name roles or members.' });
  });
  return errors;
}

/**
 * The chain for a post published to several channels: the workspace chain, or the channel chains
 * concatenated (each distinct chain once), so a channel that demands an extra sign-off gets it.
 */
export function composeChain(chains: readonly (readonly ApprovalStep[])[]): ApprovalStep[] {
  const seen = new Set<string>();
  const out: ApprovalStep[] = [];
  for (const c of chains) {
    const key = JSON.stringify(c);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(...c);
  }
  return out;
}
