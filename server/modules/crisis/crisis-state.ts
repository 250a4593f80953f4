/**
 * Reading crisis mode as a system state: which crisis is active for a workspace (real or drill),
 * whether it covers given channels, and the presenter shared by the routes.
 */
import { and, eq } from 'drizzle-orm';
import type { CrisisSummary } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { crises } from './crisis.schema.ts';

export type CrisisRow = typeof crises.$inferSelect;

/** The active real crisis (drills never change the system state). */
export async function activeCrisis(tx: Tx, workspaceId: string): Promise<CrisisRow | null> {
  const [c] = await tx.select().from(crises).where(and(eq(crises.workspaceId, workspaceId), eq(crises.state, 'active'), eq(crises.drill, false)));
  return c ?? null;
}

export async function activeDrill(tx: Tx, workspaceId: string): Promise<CrisisRow | null> {
  const [c] = await tx.select().from(crises).where(and(eq(crises.workspaceId, workspaceId), eq(crises.state, 'active'), eq(crises.drill, true)));
  return c ?? null;
}

export async function openProposal(tx: Tx, workspaceId: string): Promise<CrisisRow | null> {
  const [c] = await tx.select().from(crises).where(and(eq(crises.workspaceId, workspaceId), eq(crises.state, 'proposed')));
  return c ?? null;
}

export async function loadCrisis(tx: Tx, workspaceId: string, crisisId: string, lock = false): Promise<CrisisRow> {
  const q = tx.select().from(crises).where(and(eq(crises.id, crisisId), eq(crises.workspaceId, workspaceId)));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound('crisis');
  return c;
}

/** Does crisis `c` cover a post going to `channelIds`? A workspace-wide crisis covers everything. */
export function covers(c: Pick<CrisisRow, 'scope' | 'channelIds'>, channelIds: readonly string[]): boolean {
  if (c.scope === 'workspace') return true;
  return channelIds.some((id) => c.channelIds.includes(id));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentCrisis(c: CrisisRow, hasReport = false): CrisisSummary {
  return {
    id: c.id, title: c.title, scenario: c.scenario as CrisisSummary['scenario'], severity: c.severity, state: c.state as CrisisSummary['state'], drill: c.drill,
    scope: c.scope as CrisisSummary['scope'], channelIds: c.channelIds, playbookId: c.playbookId, queryId: c.queryId,
    trigger: (c.trigger ?? {}) as Record<string, unknown>, proposedAt: iso(c.proposedAt), confirmedAt: iso(c.confirmedAt), endedAt: iso(c.endedAt),
    pauseEffectiveMs: c.pauseEffectiveMs, hasReport, createdAt: c.createdAt.toISOString(),
  };
}
