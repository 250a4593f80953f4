/** Names of workspace members by user id, for owner columns (every member may read the team list). */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import type { Team } from '../../api/types.ts';

export function useMembers() {
  const ws = useWorkspace();
  const team = useQuery({ queryKey: ['team', ws.id], queryFn: () => get<Team>(`/workspaces/${ws.id}/members`) });
  const members = team.data?.members ?? [];
  const nameOf = (id: string | null) => (id ? members.find((m) => m.userId === id)?.name ?? null : null);
  return { members, nameOf };
}
