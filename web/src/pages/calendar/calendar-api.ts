/** Types and query hooks of the editorial plan, inferred from the shared publishing schemas. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { mediaSchema } from '../../../../common/schemas/media.ts';
import type {
  channelSchema, commentSchema, nextSlotSchema, overdueItemSchema, planFacetsSchema, postCreateSchema, postSchema, publishingSettingsSchema, TARGET_STATES, versionSchema,
} from '../../../../common/schemas/publishing.ts';
import { ApiError, get } from '../../api/client.ts';
import type { Team } from '../../api/types.ts';

export type Channel = z.infer<typeof channelSchema>;
export type Post = z.infer<typeof postSchema>;
export type PostInput = z.input<typeof postCreateSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type Version = z.infer<typeof versionSchema>;
export type OverdueItem = z.infer<typeof overdueItemSchema>;
export type PublishingSettings = z.infer<typeof publishingSettingsSchema>;
export type TargetState = (typeof TARGET_STATES)[number];
export type Media = z.infer<typeof mediaSchema>;
export type NextSlot = z.infer<typeof nextSlotSchema>;
export type PlanFacets = z.infer<typeof planFacetsSchema>;

export const calendarKeys = {
  all: (ws: string) => ['calendar', ws] as const,
  channels: (ws: string) => ['calendar', ws, 'channels'] as const,
  posts: (ws: string, filter: object) => ['calendar', ws, 'posts', filter] as const,
  post: (ws: string, id: string) => ['calendar', ws, 'post', id] as const,
  media: (ws: string) => ['calendar', ws, 'media'] as const,
};

export function useMediaLibrary(ws: string, enabled = true) {
  return useQuery({ queryKey: calendarKeys.media(ws), queryFn: () => get<{ items: Media[] }>(`/workspaces/${ws}/media`).then((r) => r.items), enabled });
}

/** URL of a library image's file (members only; the session cookie goes along). */
export const mediaFileUrl = (ws: string, id: string, variant: 'master' | 'thumb' = 'thumb') =>
  `/api/v1/workspaces/${ws}/media/${id}/file${variant === 'thumb' ? '?variant=thumb' : ''}`;

export function useChannels(ws: string) {
  return useQuery({ queryKey: calendarKeys.channels(ws), queryFn: () => get<{ items: Channel[] }>(`/workspaces/${ws}/channels`).then((r) => r.items) });
}

export function usePublishingSettings(ws: string) {
  return useQuery({ queryKey: [...calendarKeys.all(ws), 'settings'], queryFn: () => get<PublishingSettings>(`/workspaces/${ws}/publishing/settings`) });
}

/** Member names by user id, for authors of comments and versions. */
export function useMemberNames(ws: string): Map<string, string> {
  const team = useQuery({ queryKey: ['team', ws], queryFn: () => get<Team>(`/workspaces/${ws}/members`) });
  return new Map((team.data?.members ?? []).map((m) => [m.userId, m.name]));
}

/**
 * The server's own explanation of a refused request (e.g. "scheduled time is in the past", or a
 * network's validation message), which the generic error alert would replace by a code translation.
 */
export function serverMessage(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  const fields = e.errors.map((f) => f.message).filter(Boolean);
  return [e.message, ...fields].filter(Boolean).join(' – ') || null;
}

/** The one state shown for a post: the least advanced state of its targets (what still needs work). */
const ORDER: TargetState[] = ['failed', 'unconfirmed', 'expired', 'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'withdrawn'];
export function postState(p: Pick<Post, 'targets'>): TargetState {
  if (p.targets.length === 0) return 'draft';
  return ORDER.find((s) => p.targets.some((t) => t.state === s)) ?? 'draft';
}
