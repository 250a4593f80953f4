/**
 * Channel choices for goals: the networks (a goal may cover a whole network) plus the connected
 * channels by id; `labelOf` turns a stored reference back into a readable name.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { NETWORKS, type channelSchema } from '../../../../common/schemas/publishing.ts';
import { get } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';

type Channel = z.infer<typeof channelSchema>;
const NETWORK_LABEL: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon' };

export function useChannels() {
  const ws = useWorkspace();
  const can = useCan();
  const channels = useQuery({
    queryKey: ['channels', ws.id],
    queryFn: () => get<{ items: Channel[] }>(`/workspaces/${ws.id}/channels`),
    enabled: can('posts.read'),
  });
  const list = channels.data?.items ?? [];
  const options = [
    ...NETWORKS.map((n) => ({ value: n, label: NETWORK_LABEL[n] ?? n })),
    ...list.map((c) => ({ value: c.id, label: `${c.name} (${NETWORK_LABEL[c.network] ?? c.network})` })),
  ];
  const labelOf = (ref: string) => options.find((o) => o.value === ref)?.label ?? ref;
  return { options, labelOf };
}
