import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';
import type { SetupStatus } from './types.ts';

/** Whether the first owner still has to sign up, and whether the dev mailbox is available. */
export function useSetupStatus() {
  return useQuery({ queryKey: ['setup'], queryFn: () => get<SetupStatus>('/auth/setup'), staleTime: 5 * 60_000 });
}
