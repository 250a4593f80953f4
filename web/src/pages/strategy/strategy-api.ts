/** Types and queries of the strategy area, inferred from the shared schemas so web and server agree. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  brandAssetSchema, challengeSchema, effortPlanSchema, goalSchema, metaGoalSchema, phaseSchema, platformSchema, readinessSchema, StrategyItemType, targetGroupSchema, topicSchema,
} from '../../../../common/schemas/strategy.ts';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';

export type Readiness = z.infer<typeof readinessSchema>;
export type Challenge = z.infer<typeof challengeSchema>;
export type MetaGoal = z.infer<typeof metaGoalSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type TargetGroup = z.infer<typeof targetGroupSchema>;
export type Platform = z.infer<typeof platformSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type EffortPlan = z.infer<typeof effortPlanSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type BrandAsset = z.infer<typeof brandAssetSchema>;
export interface Deadline { id: string; title: string; date: string; kind: 'goal' | 'phase' }

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

/** The next deadlines (goal deadlines, ends of roll-out phases) from today. */
export function useDeadlines() {
  const ws = useWorkspace();
  return useQuery({ queryKey: ['strategy', ws.id, 'deadlines'], queryFn: () => get<{ items: Deadline[] }>(`/workspaces/${ws.id}/strategy/deadlines`) });
}
