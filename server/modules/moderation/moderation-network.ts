/**
 * The network side of a moderation action, behind a small interface so tests can count calls
 * (and assert that refused actions never reach a network). The default runs the channel's provider
 * with its stored credentials.
 */
import { eq } from 'drizzle-orm';
import { requireCapability, type ModerationOperation, type ModerationTarget, type ReportInput, type ChannelAccount } from '../../../providers/contract.ts';
import type { AppContext } from '../../http/context.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { publishingDeps } from '../publishing/provider-resolver.ts';
import { callContext } from '../publishing/publish-runner.ts';

export type NetworkCall =
  | { op: 'hide' | 'unhide'; target: ModerationTarget }
  | { op: 'block' | 'unblock' | 'mute'; account: ChannelAccount }
  | { op: 'report'; report: ReportInput };

export interface ModerationNetwork {
  /** What the network behind `network` can do (empty for unknown networks). */
  operations(ctx: AppContext, network: string): readonly ModerationOperation[];
  run(ctx: AppContext, channelId: string, call: NetworkCall): Promise<{ reportId?: string | null }>;
}

export const providerModerationNetwork: ModerationNetwork = {
  operations(ctx, network) {
    const p = publishingDeps(ctx).providers(network);
    return p?.moderate && p.descriptor.capabilities.includes('moderate') ? p.moderate.operations : [];
  },
  async run(ctx, channelId, call) {
    const [channel] = await ctx.database.db.select().from(channels).where(eq(channels.id, channelId));
    if (!channel || channel.status !== 'connected' || !channel.credentialsSealed) throw new Error('The channel is not connected');
    const provider = publishingDeps(ctx).providers(channel.network);
    if (!provider) throw new Error(`No provider for ${channel.network}`);
    const mod = requireCapability(provider, 'moderate');
    const cc = callContext({ database: ctx.database, secrets: ctx.secrets }, channel);
    switch (call.op) {
      case 'hide': await mod.hide!(cc, call.target); return {};
      case 'unhide': await mod.unhide!(cc, call.target); return {};
      case 'block': await mod.blockAuthor!(cc, call.account); return {};
      case 'unblock': await mod.unblockAuthor!(cc, call.account); return {};
      case 'mute': await mod.muteAuthor!(cc, call.account); return {};
      case 'report': return mod.report!(cc, call.report);
    }
  },
};

const overrides = new WeakMap<AppContext, ModerationNetwork>();
export function setModerationNetwork(ctx: AppContext, n: ModerationNetwork): void {
  overrides.set(ctx, n);
}
export function moderationNetwork(ctx: AppContext): ModerationNetwork {
  return overrides.get(ctx) ?? providerModerationNetwork;
}
