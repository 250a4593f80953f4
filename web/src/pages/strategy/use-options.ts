/** Choices for strategy forms: members, target groups, goals, networks and channels. */
import { NETWORKS } from '../../../../common/schemas/publishing.ts';
import { useStrategyItems, type Goal, type TargetGroup } from './strategy-api.ts';
import { useChannels } from './use-channels.ts';
import { useMembers } from './use-members.ts';

export const NETWORK_LABEL: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon' };

export function useOptions() {
  const { members, nameOf } = useMembers();
  const { options: channels, labelOf } = useChannels();
  const groups = useStrategyItems<TargetGroup>('target-groups');
  const goals = useStrategyItems<Goal>('goals');
  return {
    nameOf,
    labelOf,
    members: members.map((m) => ({ value: m.userId, label: m.name })),
    channels,
    networks: NETWORKS.map((n) => ({ value: n, label: NETWORK_LABEL[n] ?? n })),
    targetGroups: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
    groupName: (id: string) => groups.data?.items.find((g) => g.id === id)?.name ?? null,
    goals: (goals.data?.items ?? []).map((g) => ({ value: g.id, label: g.title })),
    goalTitle: (id: string) => goals.data?.items.find((g) => g.id === id)?.title ?? null,
  };
}
