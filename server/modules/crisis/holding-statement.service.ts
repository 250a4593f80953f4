/**
 * Pre-approved holding statements. A statement is written in advance (German or English, du or
 * Sie, with shorter texts per network where needed), checked against each network's length rule as
 * that network counts, and approved through the workspace's approval chain (the same pure chain
 * logic as posts: ordered steps, four-eyes, approvals bound to the content hash). An edit makes it
 * a draft again; only the approved hash is usable in a crisis without a new approval.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { checkText } from '../../../providers/text-count.ts';
import type { Tx } from '../../db/client.ts';
import { conflict, forbidden, notFound, unprocessable, type FieldError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { canDecide, DEFAULT_CHAIN, evaluateChain, type ApprovalStep, type Member } from '../publishing/approval-chain.ts';
import { limitsFor } from '../publishing/post-validation.ts';
import { approvalChains, channels } from '../publishing/publishing.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { crisisHoldingStatements, crisisStatementApprovals } from './crisis.schema.ts';

export type HoldingRow = typeof crisisHoldingStatements.$inferSelect;
type Variants = { bluesky?: string; mastodon?: string };

export interface HoldingInput {
  title?: string;
  language?: 'de' | 'en';
  register?: 'du' | 'sie';
  text?: string;
  variants?: Variants;
  networks?: ('bluesky' | 'mastodon')[];
}

export function holdingHash(s: { text: string; variants: unknown; language: string; register: string }): string {
  const v = (s.variants ?? {}) as Variants;
  return createHash('sha256').update(JSON.stringify([s.text, v.bluesky ?? null, v.mastodon ?? null, s.language, s.register])).digest('hex');
}

/** The text a network gets: its own variant, else the main text. */
export const textForNetwork = (s: Pick<HoldingRow, 'text' | 'variants'>, network: string) => ((s.variants ?? {}) as Record<string, string>)[network] ?? s.text;

/** Per network: characters as that network counts them, against the workspace's channel limits (or the network default). */
export async function holdingLengths(tx: Tx, workspaceId: string, s: Pick<HoldingRow, 'text' | 'variants' | 'networks'>) {
  const chans = await tx.select({ network: channels.network, limits: channels.limits }).from(channels).where(eq(channels.workspaceId, workspaceId));
  return s.networks.map((network) => {
    const limits = limitsFor(network, chans.find((c) => c.network === network && c.limits)?.limits ?? null);
    const c = checkText(textForNetwork(s, network), limits.text);
    return { network, count: c.count, max: c.max, ok: c.ok };
  });
}

/** The chain holding statements pass in advance: the workspace default chain (never the crisis path). */
export async function workspaceChain(tx: Tx, workspaceId: string): Promise<ApprovalStep[]> {
  const [row] = await tx.select().from(approvalChains).where(and(eq(approvalChains.workspaceId, workspaceId), isNull(approvalChains.channelId)));
  return (row?.steps as ApprovalStep[] | undefined) ?? [...DEFAULT_CHAIN];
}

async function membersOf(tx: Tx, workspaceId: string): Promise<Member[]> {
  const rows = await tx.select({ userId: memberships.userId, roles: memberships.roles }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return rows.map((r) => ({ userId: r.userId, roles: r.roles as string[] }));
}

export async function holdingApproval(tx: Tx, s: HoldingRow) {
  const chain = await workspaceChain(tx, s.workspaceId);
  const members = await membersOf(tx, s.workspaceId);
  const rows = await tx.select().from(crisisStatementApprovals).where(eq(crisisStatementApprovals.statementId, s.id));
  const recs = rows.map((a) => ({ userId: a.userId, stepIndex: a.stepIndex, contentHash: a.contentHash, decision: a.decision as 'approved' }));
  const ctx = { contentHash: s.contentHash, authorId: s.createdBy ?? '', members };
  return { chain, members, recs, ctx, status: evaluateChain(chain, recs, ctx) };
}

export const isUsable = (s: Pick<HoldingRow, 'status' | 'approvedHash' | 'contentHash'>) => s.status === 'approved' && s.approvedHash === s.contentHash;

export async function loadHolding(tx: Tx, workspaceId: string, playbookId: string, statementId: string, lock = false): Promise<HoldingRow> {
  const q = tx.select().from(crisisHoldingStatements).where(and(eq(crisisHoldingStatements.id, statementId), eq(crisisHoldingStatements.workspaceId, workspaceId), eq(crisisHoldingStatements.playbookId, playbookId)));
  const [s] = lock ? await q.for('update') : await q;
  if (!s) throw notFound('holding statement');
  return s;
}

export async function holdingOf(tx: Tx, playbookId: string): Promise<HoldingRow[]> {
  return tx.select().from(crisisHoldingStatements).where(eq(crisisHoldingStatements.playbookId, playbookId)).orderBy(asc(crisisHoldingStatements.language), asc(crisisHoldingStatements.register), asc(crisisHoldingStatements.createdAt));
}

export async function createHolding(tx: Tx, actor: Actor, workspaceId: string, playbookId: string, input: Required<HoldingInput>, now: Date): Promise<HoldingRow> {
  const contentHash = holdingHash(input);
  const [s] = await tx.insert(crisisHoldingStatements).values({
    workspaceId, playbookId, title: input.title, language: input.language, register: input.register, text: input.text, variants: input.variants, networks: input.networks,
    contentHash, createdBy: actor.userId, createdAt: now, updatedAt: now,
  }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'crisis_holding_statement.created', objectType: 'crisis_holding_statement', objectId: s!.id, after: { playbookId, title: input.title, language: input.language, register: input.register, contentHash } }, now);
  return s!;
}

/** An edit of the content makes the statement a draft again (its approval was for the old text). */
export async function updateHolding(tx: Tx, actor: Actor, before: HoldingRow, input: HoldingInput, now: Date): Promise<HoldingRow> {
  const next = {
    title: input.title ?? before.title, language: input.language ?? before.language, register: input.register ?? before.register,
    text: input.text ?? before.text, variants: input.variants ?? (before.variants as Variants), networks: input.networks ?? before.networks,
  };
  const contentHash = holdingHash(next);
  const changed = contentHash !== before.contentHash;
  const [after] = await tx.update(crisisHoldingStatements).set({
    ...next, contentHash, version: changed ? before.version + 1 : before.version, status: changed ? 'draft' : before.status, updatedAt: now,
  }).where(eq(crisisHoldingStatements.id, before.id)).returning();
  await recordAudit(tx, actor, {
    workspaceId: before.workspaceId, action: 'crisis_holding_statement.updated', objectType: 'crisis_holding_statement', objectId: before.id,
    before: { title: before.title, contentHash: before.contentHash, status: before.status }, after: { title: next.title, contentHash, status: after!.status },
  }, now);
  return after!;
}

export async function deleteHolding(tx: Tx, actor: Actor, s: HoldingRow, now: Date): Promise<void> {
  await tx.delete(crisisHoldingStatements).where(eq(crisisHoldingStatements.id, s.id));
  await recordAudit(tx, actor, { workspaceId: s.workspaceId, action: 'crisis_holding_statement.deleted', objectType: 'crisis_holding_statement', objectId: s.id, before: { title: s.title, contentHash: s.contentHash } }, now);
}

/** Draft → in review, after the length check for every network the statement is meant for. */
export async function submitHolding(tx: Tx, actor: Actor, s: HoldingRow, now: Date): Promise<HoldingRow> {
  if (s.status !== 'draft') throw conflict('not_a_draft', 'Only a draft can be sent for approval.');
  const errors: FieldError[] = (await holdingLengths(tx, s.workspaceId, s)).filter((l) => !l.ok).map((l) => ({
    path: ((s.variants ?? {}) as Record<string, string>)[l.network] ? `body.variants.${l.network}` : 'body.text',
    message: `Too long for ${l.network}: ${l.count} of ${l.max} characters.`,
  }));
  if (errors.length) throw unprocessable('statement_too_long', 'The statement does not fit every network it is meant for.', errors);
  const [after] = await tx.update(crisisHoldingStatements).set({ status: 'in_review', updatedAt: now }).where(eq(crisisHoldingStatements.id, s.id)).returning();
  await recordAudit(tx, actor, { workspaceId: s.workspaceId, action: 'crisis_holding_statement.submitted', objectType: 'crisis_holding_statement', objectId: s.id, after: { contentHash: s.contentHash } }, now);
  return after!;
}

/** A decision on the pending step of the chain; the last approval makes the statement usable. */
export async function decideHolding(tx: Tx, actor: Actor, s: HoldingRow, decision: 'approved' | 'changes_requested', comment: string | undefined, now: Date): Promise<HoldingRow> {
  if (s.status !== 'in_review') throw conflict('not_in_review', 'The statement is not waiting for approval.');
  const { chain, members, recs, ctx } = await holdingApproval(tx, s);
  const me = members.find((m) => m.userId === actor.userId) ?? { userId: actor.userId ?? '', roles: [] };
  const check = canDecide(chain, recs, me, ctx);
  if (!check.ok) throw forbidden(check.code, check.message);
  await tx.insert(crisisStatementApprovals).values({ statementId: s.id, userId: actor.userId!, stepIndex: check.stepIndex, decision, contentHash: s.contentHash, comment: comment ?? null, createdAt: now });
  await recordAudit(tx, actor, {
    workspaceId: s.workspaceId, action: decision === 'approved' ? 'crisis_holding_statement.approved' : 'crisis_holding_statement.changes_requested',
    objectType: 'crisis_holding_statement', objectId: s.id, after: { step: chain[check.stepIndex]!.name, contentHash: s.contentHash, comment: comment ?? null },
  }, now);
  if (decision === 'changes_requested') {
    const [after] = await tx.update(crisisHoldingStatements).set({ status: 'draft', updatedAt: now }).where(eq(crisisHoldingStatements.id, s.id)).returning();
    return after!;
  }
  const status = evaluateChain(chain, [...recs, { userId: actor.userId!, stepIndex: check.stepIndex, contentHash: s.contentHash, decision }], ctx);
  if (!status.complete) return s;
  const [after] = await tx.update(crisisHoldingStatements).set({ status: 'approved', approvedHash: s.contentHash, approvedAt: now, updatedAt: now }).where(eq(crisisHoldingStatements.id, s.id)).returning();
  return after!;
}
