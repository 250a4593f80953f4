/** Types and data hooks of the monitoring area, typed by the shared listening schemas. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  alertChannelSchema, alertSchema, dashboardSchema, mentionPageSchema, mentionSchema, notificationSchema, queryPreviewResultSchema, savedQuerySchema, sourceSchema, topicGroupSchema,
} from '../../../../common/schemas/listening.ts';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';

export type SavedQuery = z.infer<typeof savedQuerySchema>;
export type TopicGroup = z.infer<typeof topicGroupSchema>;
export type Dashboard = z.infer<typeof dashboardSchema>;
export type MentionPage = z.infer<typeof mentionPageSchema>;
export type MentionDto = z.infer<typeof mentionSchema>;
export type PreviewResult = z.infer<typeof queryPreviewResultSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type AlertChannel = z.infer<typeof alertChannelSchema>;
export type AppNotification = z.infer<typeof notificationSchema>;

/** `/workspaces/<id>/listening` of the current workspace. */
export function useListeningBase(): string {
  return `/workspaces/${useWorkspace().id}/listening`;
}

export function useSavedQueries() {
  const base = useListeningBase();
  return useQuery({ queryKey: ['listening', base, 'queries'], queryFn: () => get<{ items: SavedQuery[] }>(`${base}/queries`) });
}

export function useTopicGroups() {
  const base = useListeningBase();
  return useQuery({ queryKey: ['listening', base, 'groups'], queryFn: () => get<{ items: TopicGroup[] }>(`${base}/topic-groups`) });
}

/** The dashboard scope as the URL keeps it: `group:<id>`, `query:<id>` or empty (all queries). */
export function scopeParams(scope: string): { groupId?: string; queryIds?: string } {
  if (scope.startsWith('group:')) return { groupId: scope.slice(6) };
  if (scope.startsWith('query:')) return { queryIds: scope.slice(6) };
  return {};
}
