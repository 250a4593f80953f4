/**
 * While a system state demands another approval path — crisis mode switches to the crisis path
 * (duty editor plus one approver) — a module registers an override here; `chainFor` asks it first.
 * An override returns null when it does not apply, and the configured chains are used as always.
 */
import type { Tx } from '../../db/client.ts';
import type { ApprovalStep } from './approval-chain.ts';

export type ChainOverride = (tx: Tx, workspaceId: string, channelIds: readonly string[]) => Promise<readonly ApprovalStep[] | null>;

const overrides: ChainOverride[] = [];

export function registerChainOverride(fn: ChainOverride): void {
  if (!overrides.includes(fn)) overrides.push(fn);
}

/** The first override that applies, or null. */
export async function overriddenChain(tx: Tx, workspaceId: string, channelIds: readonly string[]): Promise<ApprovalStep[] | null> {
  for (const o of overrides) {
    const chain = await o(tx, workspaceId, channelIds);
    if (chain) return [...chain];
  }
  return null;
}
