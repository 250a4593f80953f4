/** Types and data hooks of the crisis area, typed by the shared crisis schemas. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  crisisRoomSchema, crisisStateSchema, crisisSummarySchema, holdingStatementSchema, playbookContentSchema, playbookSchema, playbookVersionSchema, webhookSchema,
} from '../../../../common/schemas/crisis.ts';
import type { channelSchema } from '../../../../common/schemas/publishing.ts';
import { ApiError, get } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { useLiveInvalidate } from '../../api/live.tsx';

export type CrisisState = z.infer<typeof crisisStateSchema>;
export type CrisisSummary = z.infer<typeof crisisSummarySchema>;
export type CrisisRoom = z.infer<typeof crisisRoomSchema>;
export type Playbook = z.infer<typeof playbookSchema>;
export type PlaybookContent = z.infer<typeof playbookContentSchema>;
export type PlaybookVersion = z.infer<typeof playbookVersionSchema>;
export type HoldingStatement = z.infer<typeof holdingStatementSchema>;
export type Webhook = z.infer<typeof webhookSchema>;
export type Channel = z.infer<typeof channelSchema>;
export interface Template { scenario: Playbook['scenario']; name: string; content: PlaybookContent; holdingStatements: { title: string; language: 'de' | 'en'; register: 'du' | 'sie'; text: string }[] }

export const crisisKeys = {
  all: (ws: string) => ['crisis', ws] as const,
  state: (ws: string) => ['crisis', ws, 'state'] as const,
  list: (ws: string) => ['crisis', ws, 'list'] as const,
  room: (ws: string, id: string) => ['crisis', ws, 'room', id] as const,
  playbooks: (ws: string) => ['crisis', ws, 'playbooks'] as const,
};

/** The state for the banner; refreshed by live `crisis.*` events. */
export function useCrisisState() {
  const ws = useWorkspace();
  useLiveInvalidate('crisis.', crisisKeys.all(ws.id));
  return useQuery({ queryKey: crisisKeys.state(ws.id), queryFn: () => get<CrisisState>(`/workspaces/${ws.id}/crisis/state`), refetchInterval: 60_000 });
}

export function useCrises() {
  const ws = useWorkspace();
  return useQuery({ queryKey: crisisKeys.list(ws.id), queryFn: () => get<{ items: CrisisSummary[] }>(`/workspaces/${ws.id}/crises`) });
}

export function usePlaybooks() {
  const ws = useWorkspace();
  return useQuery({ queryKey: crisisKeys.playbooks(ws.id), queryFn: () => get<{ items: Playbook[] }>(`/workspaces/${ws.id}/crisis/playbooks`) });
}

export function useTemplates() {
  const ws = useWorkspace();
  return useQuery({ queryKey: ['crisis', ws.id, 'templates'], queryFn: () => get<{ items: Template[] }>(`/workspaces/${ws.id}/crisis/playbook-templates`), staleTime: Infinity });
}

/** The room; polled every 30 s as well, so drill items "arrive" on the scenario's curve without an event. */
export function useRoom(crisisId: string) {
  const ws = useWorkspace();
  useLiveInvalidate('crisis.', crisisKeys.room(ws.id, crisisId));
  return useQuery({ queryKey: crisisKeys.room(ws.id, crisisId), queryFn: () => get<CrisisRoom>(`/workspaces/${ws.id}/crises/${crisisId}/room`), refetchInterval: 30_000 });
}

export function useWebhooks() {
  const ws = useWorkspace();
  const can = useCan();
  return useQuery({ queryKey: ['crisis', ws.id, 'webhooks'], queryFn: () => get<{ items: Webhook[] }>(`/workspaces/${ws.id}/crisis/webhooks`), enabled: can('crisis.prepare') });
}

export function useWorkspaceChannels() {
  const ws = useWorkspace();
  const can = useCan();
  return useQuery({ queryKey: ['channels', ws.id], queryFn: () => get<{ items: Channel[] }>(`/workspaces/${ws.id}/channels`), enabled: can('posts.read') });
}

export function useListeningQueries() {
  const ws = useWorkspace();
  const can = useCan();
  return useQuery({ queryKey: ['listening', `/workspaces/${ws.id}/listening`, 'queries'], queryFn: () => get<{ items: { id: string; name: string }[] }>(`/workspaces/${ws.id}/listening/queries`), enabled: can('listening.read') });
}

/** The server's own sentence for an error (shown under the translated one). */
export const serverDetail = (e: unknown) => (e instanceof ApiError && e.status < 500 ? e.message : null);
