/**
 * Crisis statements. Drafted in the crisis room, usually from a holding statement:
 * - unchanged and pre-approved → the post is approved at once (its approval happened in advance);
 *   the duty editor releases it and it goes out on the fast track;
 * - changed (or written fresh) → the post enters review and follows the crisis approval path
 *   (duty editor + one approver, approval-override.ts) before it can be released;
 * - a holding statement that is not (or no longer) approved cannot be used: clear error.
 * In a drill the statement stays in the sandbox: there is no post, and releasing it is refused
 * before anything touches publishing or a provider.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { createPost, submitPost, targetsOf } from '../publishing/post.service.ts';
import type { RunOutcome } from '../publishing/publish-runner.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { moveTarget } from '../publishing/target-transition.ts';
import { crisisHoldingStatements, crisisStatements } from './crisis.schema.ts';
import { logCrisisEvent } from './crisis-events.ts';
import type { CrisisRow } from './crisis-state.ts';
import { fastTrackDeps, fastTrackSend } from './fast-track.ts';
import { isUsable, textForNetwork } from './holding-statement.service.ts';

export type StatementRow = typeof crisisStatements.$inferSelect;

export interface StatementInput {
  holdingStatementId?: string;
  text?: string;
  language?: 'de' | 'en';
  channelIds: string[];
}

export const DRILL_NO_PUBLISH = 'drill_no_publish';

export async function createStatement(tx: Tx, ctx: AppContext, actor: Actor, crisis: CrisisRow, input: StatementInput, now: Date): Promise<StatementRow> {
  if (crisis.state !== 'active') throw conflict('crisis_not_active', 'Statements are drafted while the crisis is active; afterwards use the editorial plan.');
  let holding: typeof crisisHoldingStatements.$inferSelect | undefined;
  if (input.holdingStatementId) {
    [holding] = await tx.select().from(crisisHoldingStatements).where(and(eq(crisisHoldingStatements.id, input.holdingStatementId), eq(crisisHoldingStatements.workspaceId, crisis.workspaceId)));
    if (!holding) throw unprocessable('unknown_holding_statement', 'The holding statement does not exist.', [{ path: 'body.holdingStatementId', message: 'unknown holding statement' }]);
    if (!isUsable(holding)) {
      throw unprocessable('holding_statement_not_approved', `The holding statement "${holding.title}" is not approved${holding.approvedHash ? ' in its current wording (it was edited after approval)' : ''}. Send it through the approval chain first, or write a new statement for the crisis approval path.`,
        [{ path: 'body.holdingStatementId', message: 'not approved' }]);
    }
  }
  const text = input.text ?? holding?.text;
  if (!text) throw unprocessable('statement_empty', 'Choose a holding statement or write a text.', [{ path: 'body.text', message: 'required without a holding statement' }]);
  const language = input.language ?? (holding?.language as 'de' | 'en' | undefined) ?? 'de';
  const chans = await tx.select().from(channels).where(and(eq(channels.workspaceId, crisis.workspaceId), inArray(channels.id, input.channelIds)));
  if (chans.length !== new Set(input.channelIds).size) throw unprocessable('unknown_channel', 'A chosen channel does not exist in this workspace.', [{ path: 'body.channelIds', message: 'unknown channel' }]);
  const preApproved = Boolean(holding && text === holding.text && language === holding.language);

  let postId: string | null = null;
  if (!crisis.drill) {
    // The network variants of the holding statement travel along only with its pre-approved text.
    const variants = preApproved && holding
      ? Object.fromEntries(chans.filter((c) => textForNetwork(holding!, c.network) !== holding!.text).map((c) => [c.id, { text: textForNetwork(holding!, c.network) }]))
      : {};
    const post = await createPost(tx, actor, crisis.workspaceId, { text, variants, language, channelIds: chans.map((c) => c.id), campaign: `Krise: ${crisis.title}`.slice(0, 200), notes: holding ? `Holding Statement „${holding.title}“ v${holding.version}` : null }, now);
    // Network length and accessibility checks, as for every post.
    await submitPost(tx, actor, crisis.workspaceId, post.id, now);
    if (preApproved) {
      for (const t of await targetsOf(tx, post.id)) await moveTarget(tx, actor, t, 'approved', {}, now, `pre-approved holding statement ${holding!.id} v${holding!.version}`);
    }
    postId = post.id;
  }
  const [s] = await tx.insert(crisisStatements).values({
    crisisId: crisis.id, workspaceId: crisis.workspaceId, holdingStatementId: holding?.id ?? null, postId, text, language, channelIds: chans.map((c) => c.id), preApproved, createdBy: actor.userId, createdAt: now,
  }).returning();
  await logCrisisEvent(tx, ctx, crisis, actor.userId, {
    kind: 'statement_drafted', summary: text.slice(0, 140),
    data: { statementId: s!.id, preApproved, holdingStatementId: holding?.id ?? null, postId, approvalPath: preApproved ? 'pre-approved' : crisis.drill ? 'drill' : 'crisis' },
  }, now);
  await recordAudit(tx, actor, { workspaceId: crisis.workspaceId, action: 'crisis_statement.created', objectType: 'crisis_statement', objectId: s!.id, after: { crisisId: crisis.id, postId, preApproved, holdingStatementId: holding?.id ?? null, drill: crisis.drill } }, now);
  return s!;
}

export async function loadStatement(tx: Tx, crisis: CrisisRow, statementId: string): Promise<StatementRow> {
  const [s] = await tx.select().from(crisisStatements).where(and(eq(crisisStatements.id, statementId), eq(crisisStatements.crisisId, crisis.id)));
  if (!s) throw notFound('statement');
  return s;
}

/**
 * Releases an approved statement: its targets are scheduled for now (state machine as usual) and,
 * after the commit, sent on the fast track. Returns the outcome per target.
 */
export async function releaseStatement(ctx: AppContext, actor: Actor, crisis: CrisisRow, statementId: string): Promise<{ targetId: string; outcome: RunOutcome }[]> {
  if (crisis.drill) throw conflict(DRILL_NO_PUBLISH, 'This is a drill: statements are practised, never published to any network.');
  if (crisis.state !== 'active') throw conflict('crisis_not_active', 'The crisis is not active; publish through the editorial plan.');
  const now = ctx.clock.now();
  const targetIds = await ctx.database.db.transaction(async (tx) => {
    const s = await loadStatement(tx, crisis, statementId);
    if (!s.postId) throw conflict(DRILL_NO_PUBLISH, 'This statement belongs to a drill and cannot be published.');
    const targets = await targetsOf(tx, s.postId);
    const waiting = targets.filter((t) => t.state === 'draft' || t.state === 'in_review');
    if (waiting.length) throw conflict('statement_not_approved', 'The statement was changed or written fresh: it needs the crisis approval (duty editor and one approver) before it can be released.');
    const ready = targets.filter((t) => t.state === 'approved' || t.state === 'expired' || t.state === 'scheduled');
    if (ready.length === 0) throw conflict('statement_released', 'The statement was already released.');
    for (const t of ready) {
      if (t.state !== 'scheduled') await moveTarget(tx, actor, t, 'scheduled', { scheduledAt: now, notBefore: null, heldAt: null }, now, 'crisis statement released (fast track)');
    }
    await tx.update(crisisStatements).set({ releasedAt: now }).where(eq(crisisStatements.id, s.id));
    await logCrisisEvent(tx, ctx, crisis, actor.userId, { kind: 'statement_released', summary: s.text.slice(0, 140), data: { statementId: s.id, postId: s.postId } }, now);
    await recordAudit(tx, actor, { workspaceId: crisis.workspaceId, action: 'crisis_statement.released', objectType: 'crisis_statement', objectId: s.id, after: { postId: s.postId, targets: ready.map((t) => t.id) } }, now);
    return ready.map((t) => t.id);
  });
  const deps = fastTrackDeps(ctx);
  const out: { targetId: string; outcome: RunOutcome }[] = [];
  for (const targetId of targetIds) out.push({ targetId, outcome: await fastTrackSend(deps, targetId) });
  const published = out.filter((o) => o.outcome.kind === 'published');
  if (published.length) {
    await ctx.database.db.transaction((tx) => logCrisisEvent(tx, ctx, crisis, null, { kind: 'statement_published', summary: `${published.length} Kanäle`, data: { statementId, targets: published.map((p) => p.targetId) } }, ctx.clock.now()));
  }
  return out;
}
