/**
 * Checks that ids inside a strategy item point at things of the same workspace (members, meta
 * goals, target groups, goals, channels). A dangling or foreign id is a field error (422), never
 * a foreign-key failure and never a way to peek into another workspace.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { FieldError } from '../../http/errors.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { strategyGoals, strategyMetaGoals, strategyTargetGroups } from './strategy.schema.ts';

type RefKind = 'member' | 'metaGoal' | 'targetGroup' | 'goal' | 'channel';

async function existing(tx: Tx, workspaceId: string, kind: RefKind, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  let rows: { id: string }[];
  switch (kind) {
    case 'member':
      rows = await tx.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, ids)));
      break;
    case 'metaGoal':
      rows = await tx.select({ id: strategyMetaGoals.id }).from(strategyMetaGoals).where(and(eq(strategyMetaGoals.workspaceId, workspaceId), inArray(strategyMetaGoals.id, ids)));
      break;
    case 'targetGroup':
      rows = await tx.select({ id: strategyTargetGroups.id }).from(strategyTargetGroups).where(and(eq(strategyTargetGroups.workspaceId, workspaceId), inArray(strategyTargetGroups.id, ids)));
      break;
    case 'goal':
      rows = await tx.select({ id: strategyGoals.id }).from(strategyGoals).where(and(eq(strategyGoals.workspaceId, workspaceId), inArray(strategyGoals.id, ids)));
      break;
    case 'channel':
      rows = await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, ids)));
      break;
  }
  return new Set(rows.map((r) => r.id));
}

export interface RefSpec {
  /** Field name in the body (`ownerId`, `targetGroupIds`, `capacity` with `pick`). */
  field: string;
  kind: RefKind;
  /** For arrays of objects: the id inside each element (`userId`). */
  pick?: string;
}

/** Field errors (paths like `body.targetGroupIds.1`) for ids in `body` that do not resolve. */
export async function checkRefs(tx: Tx, workspaceId: string, body: Record<string, unknown>, specs: readonly RefSpec[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const s of specs) {
    const v = body[s.field];
    if (v === undefined || v === null) continue;
    const entries: [string, string][] = Array.isArray(v)
      ? v.map((x, i): [string, string] => [`body.${s.field}.${i}${s.pick ? `.${s.pick}` : ''}`, String(s.pick ? (x as Record<string, unknown>)[s.pick] : x)])
      : [[`body.${s.field}`, String(v)]];
    const found = await existing(tx, workspaceId, s.kind, [...new Set(entries.map(([, id]) => id))]);
    for (const [path, id] of entries) if (!found.has(id)) errors.push({ path, message: `unknown ${s.kind} in this workspace` });
  }
  return errors;
}
