/** Types and data hooks of the monitoring area, typed by the shared listening schemas. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import type {
  alertChannelSchema, alertSchema, dashboardSchema, mentionPageSchema, mentionSchema, notificationSchema, queryPreviewResultSchema, savedQuerySchema, sourceSchema, topicGroupSchema,
} from '../../../../common/schemas/listening.ts';
import { get } from '../../api/client.ts';
import { useLiveEvent } from '../../api/live.tsx';
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

/** What live listening events refresh; the query editor is left alone so that typing is never reset. */
const LIVE_KEYS = new Set(['dashboard', 'mentions', 'sources', 'alerts']);
/** At most one refresh per this many ms, however fast a stream stores mentions. */
const LIVE_THROTTLE_MS = 3000;

/**
 * Keeps the monitoring pages current: new mentions and alerts arrive as live events
 * (`listening.mentions.stored`, `listening.alert.created`) and refetch the dashboard, mention list,
 * source health and alerts — throttled, so a busy stream does not turn into a request storm.
 */
export function useMonitoringLive(): void {
  const qc = useQueryClient();
  const base = useListeningBase();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLiveEvent('listening.', () => {
    if (timer.current) return;
    const refresh = () => {
      timer.current = null;
      last.current = Date.now();
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'listening' && q.queryKey[1] === base && LIVE_KEYS.has(String(q.queryKey[2])) });
    };
    timer.current = setTimeout(refresh, Math.max(0, last.current + LIVE_THROTTLE_MS - Date.now()));
  });
}
