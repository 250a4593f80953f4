/**
 * Moderation actions. Order matters and is the point of this file:
 *   1. refuse what is not allowed (a ban without `moderation.ban` → 403) and what is incomplete
 *      (no clause → 400 `body.clauseId`, no reason → 400 `body.reason`) — nothing is stored or sent;
 *   2. store the decision with its evidence snapshot and commit (the record exists even if the
 *      network call then hangs or the process dies);
 *   3. wait for a second person where a ban needs confirmation;
 *   4. call the network where it can do the action, else apply it in Resonanz only (`local_only`);
 *   5. append the outcome (`executed` | `local_only` | `failed`) and update the inbox item.
 */
import { and, eq } from 'drizzle-orm';
import { can } from '../../../common/permissions.ts';
import { BAN_ACTIONS, BAN_RIGHT_ACTIONS, type ModerationActionKind } from '../../../common/schemas/moderation.ts';
import type { ModerationOperation, ReportInput } from '../../../providers/contract.ts';
import { isProviderError } from '../../../providers/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { getAuthor, getItem, setModerationState, type InboxItemRow } from '../inbox/item-store.ts';
import { assertReplyable, createReply } from '../inbox/reply.service.ts';
import { notify } from '../notifications/notify.service.ts';
import { evidenceHash, snapshotOf, type Evidence } from './evidence.ts';
import { moderationNetwork, type NetworkCall } from './moderation-network.ts';
import { moderationActions, moderationEvents, netiquetteClauses } from './moderation.schema.ts';
import { isPublished, latestVersion, moderationSettingsOf } from './netiquette.service.ts';
import { loadAction, type ActionRow } from './moderation-record.ts';

export interface ActionRequest {
  action: ModerationActionKind;
  itemId: string;
  clauseId?: string;
  reason?: string;
  alsoReport?: boolean;
  /** For `warn`: the public answer to the author, sent as an inbox reply once the warning is recorded. */
  authorReply?: string;
}

/** The network operation an action needs, if the network can do it. */
const NETWORK_OP: Partial<Record<ModerationActionKind, ModerationOperation>> = { hide: 'hide', unhide: 'unhide', block: 'block', unblock: 'unblock', mute: 'mute', report: 'report' };
const ITEM_STATE: Record<ModerationActionKind, { state: string | null; hidden?: boolean }> = {
  hide: { state: 'hidden', hidden: true }, unhide: { state: null, hidden: false }, delete: { state: 'deleted', hidden: true },
  warn: { state: 'warned' }, block: { state: 'blocked', hidden: true }, unblock: { state: null, hidden: false }, mute: { state: 'muted' }, report: { state: 'reported' },
};
const REPORT_CATEGORY: Record<string, ReportInput['category']> = { spam: 'spam', hate: 'legal', insult: 'violation', personal_data: 'violation', repeated: 'violation', off_topic: 'other', other: 'other' };

async function nameOf(tx: Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? null;
}

export async function appendEvent(tx: Tx, ws: string, actionId: string, kind: string, by: string | null, detail: Record<string, unknown>, now: Date): Promise<void> {
  await tx.insert(moderationEvents).values({ workspaceId: ws, actionId, kind, byId: by, byName: await nameOf(tx, by), detail, createdAt: now });
}

/**
 * Validates and records an action (steps 1–2), then executes it (steps 3–5) unless it waits for
 * confirmation. `roles` are the caller's roles in the workspace; `ruleId` marks an automatic action.
 */
export async function requestAction(ctx: AppContext, actor: Actor, ws: { id: string; roles: readonly string[] }, req: ActionRequest, opts: { ruleId?: string; allowRetiredClause?: boolean } = {}) {
  const now = ctx.clock.now();
  if (BAN_RIGHT_ACTIONS.includes(req.action) && !opts.ruleId && !can(ws.roles, 'moderation.ban')) throw forbidden('ban_not_allowed', 'Your role may not block or ban accounts.');
  const errors = [
    ...(!req.clauseId ? [{ path: 'body.clauseId', message: 'every moderation action must name the netiquette clause it rests on' }] : []),
    ...(!req.reason?.trim() ? [{ path: 'body.reason', message: 'every moderation action needs a reason' }] : []),
  ];
  if (errors.length) throw badRequest('netiquette_required', 'A moderation action needs a netiquette clause and a reason.', errors);
  const authorReply = req.authorReply?.trim() || null;
  if (authorReply && req.action !== 'warn') throw badRequest('reply_only_with_warning', 'Only a warning can be answered publicly.', [{ path: 'body.authorReply', message: 'only with the action warn' }]);
  if (authorReply && !can(ws.roles, 'inbox.work')) throw forbidden('reply_not_allowed', 'Your role may not answer in the inbox.');
  const { actionId, needsConfirmation } = await ctx.database.db.transaction(async (tx) => {
    const [clause] = await tx.select().from(netiquetteClauses).where(and(eq(netiquetteClauses.workspaceId, ws.id), eq(netiquetteClauses.id, req.clauseId!)));
    if (!clause || (clause.retiredAt && !opts.allowRetiredClause)) throw badRequest('unknown_clause', 'The clause does not exist in this workspace’s netiquette.', [{ path: 'body.clauseId', message: 'unknown or retired clause' }]);
    const version = await latestVersion(tx, ws.id);
    // An action rests on text the public can read: the clause must be in the published netiquette
    // (a reversal rests on the original action's clause, whatever became of it since).
    if (!opts.allowRetiredClause && !isPublished(version, clause)) {
      throw badRequest('clause_unpublished', 'The clause is not part of the published netiquette yet: publish the netiquette first.', [{ path: 'body.clauseId', message: 'not in the published netiquette' }]);
    }
    const item = await getItem(tx, ws.id, req.itemId);
    if (!item) throw badRequest('unknown_item', 'The inbox item does not exist in this workspace.', [{ path: 'body.itemId', message: 'unknown item' }]);
    if (['block', 'unblock', 'mute', 'warn'].includes(req.action) && !item.authorId) throw badRequest('no_author', 'This item has no known author (erased or pseudonymised).', [{ path: 'body.itemId', message: 'item has no author' }]);
    // The public answer is checked before anything is stored: a warning is not recorded with an answer that cannot go out.
    if (authorReply) await asField('body.authorReply', () => assertReplyable(ctx, tx, item, authorReply));
    const author = item.authorId ? await getAuthor(tx, ws.id, item.authorId) : null;
    const evidence = snapshotOf(item, author, now);
    const op = NETWORK_OP[req.action];
    const scope = op && item.channelId && moderationNetwork(ctx).operations(ctx, item.network).includes(op) ? 'network' : 'local';
    const [row] = await tx.insert(moderationActions).values({
      workspaceId: ws.id, action: req.action, itemId: item.id, authorId: item.authorId, network: item.network, channelId: item.channelId,
      clauseId: clause.id, clauseCode: clause.code, clauseTitle: clause.titleDe, netiquetteVersion: version?.version ?? null,
      reason: req.reason!.trim(), evidence, evidenceHash: evidenceHash(evidence), scope, actorId: actor.userId, actorName: await nameOf(tx, actor.userId),
      ruleId: opts.ruleId ?? null, createdAt: now,
    }).returning({ id: moderationActions.id });
    await appendEvent(tx, ws.id, row!.id, 'requested', actor.userId, { alsoReport: req.alsoReport ?? false }, now);
    const settings = await moderationSettingsOf(tx, ws.id);
    const wait = BAN_ACTIONS.includes(req.action) && settings.banNeedsConfirmation && !opts.ruleId;
    if (wait) {
      await appendEvent(tx, ws.id, row!.id, 'awaiting_confirmation', actor.userId, {}, now);
      await notify(tx, ctx, {
        workspaceId: ws.id, permission: 'moderation.ban', exceptUserIds: [actor.userId], kind: 'moderation.confirmation_requested',
        title: { de: 'Sperre wartet auf Bestätigung', en: 'Ban awaits confirmation' },
        body: { de: `Netiquette „${clause.titleDe}“: ${req.reason!.trim().slice(0, 140)}`, en: `Netiquette "${clause.titleEn}": ${req.reason!.trim().slice(0, 140)}` },
        link: `/community/moderation/${row!.id}`, objectId: row!.id, email: true,
      });
    }
    await recordAudit(tx, actor, { workspaceId: ws.id, action: 'moderation.action.requested', objectType: 'moderation_action', objectId: row!.id, after: { action: req.action, itemId: item.id, clause: clause.code, scope, awaitingConfirmation: wait } }, now);
    return { actionId: row!.id, needsConfirmation: wait };
  });
  if (!needsConfirmation) await executeAction(ctx, actor, ws.id, actionId, req.alsoReport ?? false);
  if (authorReply) {
    // The warning is on record already; an answer refused since the check (the channel was disconnected
    // in between) is noted on the record instead of undoing the warning.
    const detail = await createReply(ctx, actor, ws.id, req.itemId, { text: authorReply }).then(
      (r) => ({ kind: 'author_answered', detail: { replyId: r.id, state: r.state } }),
      (e: unknown) => { if (e instanceof HttpError) return { kind: 'author_answer_failed', detail: { code: e.code, message: e.message } }; throw e; },
    );
    await ctx.database.db.transaction((tx) => appendEvent(tx, ws.id, actionId, detail.kind, actor.userId, detail.detail, ctx.clock.now()));
  }
  return loadAction(ctx.database.db, ws.id, actionId);
}

/** Runs `check` and reports its field errors under `field` (the reply checks name `body.text` and `params.itemId`). */
async function asField(field: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (e) {
    if (e instanceof HttpError && e.errors) throw new HttpError(e.status, e.code, e.message, e.errors.map((x) => ({ ...x, path: field })), e.headers);
    throw e;
  }
}

/** The second person confirms (then it is executed) or rejects a waiting ban. */
export async function confirmAction(ctx: AppContext, actor: Actor, ws: string, actionId: string, decision: 'confirm' | 'reject', note?: string) {
  const now = ctx.clock.now();
  const action = await ctx.database.db.transaction(async (tx) => {
    const a = await loadAction(tx, ws, actionId);
    if (!a) throw notFound('moderation action');
    if (a.status !== 'awaiting_confirmation') throw conflict('not_awaiting_confirmation', 'This action is not waiting for a confirmation.');
    if (a.actorId === actor.userId) throw forbidden('four_eyes', 'A second person must confirm a ban.');
    // Serialise concurrent confirmations on the action row (FOR UPDATE on an append-only row is allowed).
    await tx.select({ id: moderationActions.id }).from(moderationActions).where(eq(moderationActions.id, actionId)).for('update');
    const again = await loadAction(tx, ws, actionId);
    if (again?.status !== 'awaiting_confirmation') throw conflict('not_awaiting_confirmation', 'This action is not waiting for a confirmation.');
    await appendEvent(tx, ws, actionId, decision === 'confirm' ? 'confirmed' : 'rejected', actor.userId, { note: note ?? null }, now);
    await recordAudit(tx, actor, { workspaceId: ws, action: `moderation.action.${decision === 'confirm' ? 'confirmed' : 'rejected'}`, objectType: 'moderation_action', objectId: actionId }, now);
    return a;
  });
  if (decision === 'confirm') await executeAction(ctx, actor, ws, actionId, Boolean((action.events[0]?.detail as { alsoReport?: boolean } | undefined)?.alsoReport));
  return loadAction(ctx.database.db, ws, actionId);
}

function networkCalls(a: ActionRow, item: InboxItemRow | null, evidence: Evidence, alsoReport: boolean, clauseCategory: string): NetworkCall[] {
  const account = { id: evidence.authorExternalId ?? '', handle: evidence.authorHandle ?? '' };
  const ref = item ? { id: item.externalId, ...(item.externalCid ? { cid: item.externalCid } : {}) } : { id: String(evidence.item.externalId ?? '') };
  const rootId = item?.rootExternalId ?? item?.parentExternalId ?? null;
  const root = rootId ? { id: rootId, ...(item?.rootCid ? { cid: item.rootCid } : {}) } : undefined;
  const report: NetworkCall = { op: 'report', report: { account, refs: [ref], category: REPORT_CATEGORY[clauseCategory] ?? 'other', comment: `${a.clauseTitle}: ${a.reason}` } };
  switch (a.action) {
    case 'hide': case 'unhide': return [{ op: a.action, target: { ref, ...(root ? { root } : {}) } }];
    case 'block': return [{ op: 'block', account }, ...(alsoReport ? [report] : [])];
    case 'unblock': return [{ op: 'unblock', account }];
    case 'mute': return [{ op: 'mute', account }];
    case 'report': return [report];
    default: return [];
  }
}

/** Steps 4–5. Also used to retry a failed action; a retry only repeats the network part. */
export async function executeAction(ctx: AppContext, actor: Actor, ws: string, actionId: string, alsoReport: boolean): Promise<void> {
  const a = await loadAction(ctx.database.db, ws, actionId);
  if (!a) throw notFound('moderation action');
  const item = a.itemId ? await getItem(ctx.database.db, ws, a.itemId) : null;
  const [clause] = await ctx.database.db.select({ category: netiquetteClauses.category }).from(netiquetteClauses).where(eq(netiquetteClauses.id, a.clauseId));
  const net = moderationNetwork(ctx);
  const supported = a.network ? net.operations(ctx, a.network) : [];
  const results: Record<string, unknown>[] = [];
  let failed: string | null = null;
  let ran = 0;
  for (const call of networkCalls(a, item, a.evidence as Evidence, alsoReport, clause?.category ?? 'other')) {
    if (!a.channelId || !supported.includes(call.op)) {
      results.push({ op: call.op, outcome: 'not_supported' });
      continue;
    }
    try {
      const r = await net.run(ctx, a.channelId, call);
      ran++;
      results.push({ op: call.op, outcome: 'done', ...(r.reportId ? { reportId: r.reportId } : {}) });
    } catch (e) {
      const kind = isProviderError(e) ? e.kind : 'error';
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      // The network refused on principle (e.g. a reply in someone else's thread): Resonanz only.
      if (kind === 'invalid' || kind === 'unsupported') results.push({ op: call.op, outcome: 'refused_by_network', message });
      else {
        results.push({ op: call.op, outcome: 'failed', kind, message });
        failed ??= message;
      }
    }
  }
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const kind = failed ? 'failed' : ran > 0 ? 'executed' : 'local_only';
    await appendEvent(tx, ws, actionId, kind, actor.userId, { network: results }, now);
    // The item is moderated in Resonanz in every case (a failed network call can be retried).
    if (item) await setModerationState(tx, ctx, actor, { workspaceId: ws, itemId: item.id, state: ITEM_STATE[a.action].state, ...(ITEM_STATE[a.action].hidden !== undefined ? { hidden: ITEM_STATE[a.action].hidden } : {}) }, now);
    await recordAudit(tx, actor, { workspaceId: ws, action: `moderation.action.${kind}`, objectType: 'moderation_action', objectId: actionId, after: { network: results } }, now);
    await ctx.events.emit(tx, { workspaceId: ws, type: 'moderation.action.updated', permission: 'inbox.read', data: { id: actionId, status: kind } });
  });
}

export async function retryAction(ctx: AppContext, actor: Actor, ws: { id: string; roles: readonly string[] }, actionId: string) {
  const a = await loadAction(ctx.database.db, ws.id, actionId);
  if (!a) throw notFound('moderation action');
  if (a.status !== 'failed') throw conflict('not_failed', 'Only a failed action can be retried.');
  if (BAN_RIGHT_ACTIONS.includes(a.action) && !can(ws.roles, 'moderation.ban')) throw forbidden('ban_not_allowed', 'Your role may not block or ban accounts.');
  await executeAction(ctx, actor, ws.id, actionId, Boolean((a.events[0]?.detail as { alsoReport?: boolean } | undefined)?.alsoReport));
  return loadAction(ctx.database.db, ws.id, actionId);
}
