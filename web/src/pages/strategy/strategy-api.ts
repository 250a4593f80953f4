/** Types and queries of the strategy area, inferred from the shared schemas so web and server agree. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  challengeSchema, goalSchema, metaGoalSchema, readinessSchema, StrategyItemType, targetGroupSchema,
} from '../../../../common/schemas/strategy.ts';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';

export type Readiness = z.infer<typeof readinessSchema>;
export type Challenge = z.infer<typeof challengeSchema>;
export type MetaGoal = z.infer<typeof metaGoalSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type TargetGroup = z.infer<typeof targetGroupSchema>;

export const strategyKey = (wsId: string, type: StrategyItemType) => ['strategy', wsId, type] as const;
export const readinessKey = (wsId: string) => ['strategy', wsId, 'readiness'] as const;

export function useReadiness() {
  const ws = useWorkspace();
  return useQuery({ queryKey: readinessKey(ws.id), queryFn: () => get<Readiness>(`/workspaces/${ws.id}/readiness`) });
}

/** The items of one strategy kind (`goals`, `challenges` …) of the current workspace. */
export function useStrategyItems<T>(type: StrategyItemType) {
  const ws = useWorkspace();
  return useQuery({ queryKey: strategyKey(ws.id, type), queryFn: () => get<{ items: T[] }>(`/workspaces/${ws.id}/strategy/${type}`) });
}
