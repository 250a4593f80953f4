/**
 * How posts and their targets look in the API (zod schemas in common/schemas/publishing.ts): dates
 * as ISO strings, the wall-clock time in the workspace zone, and per target the thread it is sent
 * as — the frozen parts once publishing began (with the network's id and URL of each part that is
 * out), else the split of the current text, so authors and reviewers see what will be posted.
 */
import type { z } from 'zod';
import type { postSchema, targetSchema } from '../../../common/schemas/publishing.ts';
import type { PostRow } from './publish-types.ts';
import type { PostContent } from './post-content.ts';
import type { TargetRow } from './target-transition.ts';
import { threadPartsFor } from './thread-parts.ts';
import { instantToZoned } from './zoned-time.ts';

type Target = z.infer<typeof targetSchema>;
type ChannelLimits = { id: string; network: string; limits: unknown };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function threadOf(t: TargetRow, post: PostRow | null, channel: ChannelLimits | undefined): Target['thread'] {
  const parts = t.threadParts ?? (post && channel ? threadPartsFor(post as unknown as PostContent, channel) : null);
  if (!parts) return null;
  const sent = t.threadProgress ?? [];
  return { parts: parts.map((text, i) => ({ text, remoteId: sent[i]?.id ?? null, remoteUrl: sent[i]?.url ?? null })) };
}

export function presentTarget(t: TargetRow, post: PostRow | null = null, channel?: ChannelLimits): Target {
  return {
    id: t.id, channelId: t.channelId, state: t.state as Target['state'], scheduledAt: iso(t.scheduledAt), heldAt: iso(t.heldAt), attempts: t.attempts,
    remoteId: t.remoteId, remoteUrl: t.remoteUrl, publishedAt: iso(t.publishedAt), errorKind: t.errorKind, lastError: t.lastError,
    thread: threadOf(t, post, channel),
  };
}

export function presentPost(
  p: PostRow, targets: TargetRow[], tz: string, channels: ReadonlyMap<string, ChannelLimits>, approval?: z.infer<typeof postSchema>['approval'],
): z.infer<typeof postSchema> {
  return {
    id: p.id, authorId: p.authorId, text: p.text, variants: p.variants as PostContent['variants'], media: p.media as PostContent['media'],
    contentWarning: p.contentWarning, language: p.language, thread: p.thread, campaign: p.campaign, topic: p.topic, targetGroups: p.targetGroups, notes: p.notes,
    scheduledAt: iso(p.scheduledAt), scheduledLocal: p.scheduledAt ? instantToZoned(p.scheduledAt, tz) : null, timezone: tz,
    contentHash: p.contentHash, version: p.version, targets: targets.map((t) => presentTarget(t, p, channels.get(t.channelId))), updatedAt: p.updatedAt.toISOString(),
    ...(approval ? { approval } : {}),
  };
}
