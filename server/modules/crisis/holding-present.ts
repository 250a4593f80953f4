/** The API shape of a holding statement: with its approval status and per-network lengths. */
import type { z } from 'zod';
import type { holdingStatementSchema } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import { holdingApproval, holdingLengths, isUsable, type HoldingRow } from './holding-statement.service.ts';

export type HoldingDto = z.infer<typeof holdingStatementSchema>;

export async function presentHolding(tx: Tx, s: HoldingRow): Promise<HoldingDto> {
  const { status } = await holdingApproval(tx, s);
  return {
    id: s.id, playbookId: s.playbookId, title: s.title, language: s.language as 'de' | 'en', register: s.register as 'du' | 'sie', text: s.text,
    variants: (s.variants ?? {}) as Record<string, string>, networks: s.networks as ('bluesky' | 'mastodon')[], contentHash: s.contentHash, version: s.version,
    status: s.status as HoldingDto['status'], approvedAt: s.approvedAt?.toISOString() ?? null, usable: isUsable(s),
    approval: { pendingStep: status.pendingStep, steps: status.steps },
    lengths: await holdingLengths(tx, s.workspaceId, s), updatedAt: s.updatedAt.toISOString(),
  };
}

/** One after another: a transaction's connection runs one query at a time. */
export async function presentHoldings(tx: Tx, rows: readonly HoldingRow[]): Promise<HoldingDto[]> {
  const out: HoldingDto[] = [];
  for (const r of rows) out.push(await presentHolding(tx, r));
  return out;
}
