/**
 * The composer's form state and its mapping to and from the API: the post as it is being edited,
 * and the checks the composer makes before it asks the server (the server checks again).
 */
import type { Channel, Post, PostInput } from './calendar-api.ts';
import { channelFit, limitsOf } from './text-limits.ts';

export interface DraftImage {
  id: string;
  altText: string;
  filename?: string;
}

export interface Draft {
  text: string;
  variants: Record<string, string>;
  channelIds: string[];
  local: string;
  media: DraftImage[];
  contentWarning: string;
  language: string;
  /** Publish a text too long for a network as a thread (reply chain) instead of refusing it. */
  thread: boolean;
  campaign: string;
  topic: string;
  targetGroups: string[];
  notes: string;
}

export function draftOf(p: Post | undefined): Draft {
  return {
    text: p?.text ?? '',
    variants: Object.fromEntries(Object.entries(p?.variants ?? {}).map(([k, v]) => [k, v.text])),
    channelIds: p ? p.targets.map((t) => t.channelId) : [],
    local: p?.scheduledLocal?.slice(0, 16) ?? '',
    media: (p?.media ?? []).map((m) => ({ id: m.id, altText: m.altText })),
    contentWarning: p?.contentWarning ?? '',
    language: p?.language ?? 'de',
    thread: p?.thread ?? false,
    campaign: p?.campaign ?? '',
    topic: p?.topic ?? '',
    targetGroups: p?.targetGroups ?? [],
    notes: p?.notes ?? '',
  };
}

export function bodyOf(d: Draft): PostInput {
  const variants: PostInput['variants'] = {};
  for (const id of d.channelIds) if (d.variants[id]?.trim()) variants[id] = { text: d.variants[id]! };
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    text: d.text, variants, channelIds: d.channelIds, media: d.media.map((m) => ({ id: m.id, altText: m.altText.trim() })),
    schedule: d.local ? { local: d.local } : null, language: d.language || null, thread: d.thread,
    contentWarning: orNull(d.contentWarning), campaign: orNull(d.campaign), topic: orNull(d.topic), targetGroups: d.targetGroups, notes: orNull(d.notes),
  };
}

export interface DraftProblems {
  /** Channels whose text is too long (by the network's own count; for threads: a part, or too many parts). */
  tooLong: string[];
  /** Indexes of images without alt text (when the workspace requires it). */
  missingAlt: number[];
  /** Indexes of images whose alt text exceeds a chosen network's limit. */
  altTooLong: number[];
  tooManyImages: boolean;
}

/** What keeps the draft from being submitted, as far as the composer can tell. */
export function problemsOf(d: Draft, chosen: Channel[], altTextRequired: boolean): DraftProblems {
  const altMax = Math.min(...chosen.map((c) => limitsOf(c).media.altTextMaxLength), Infinity);
  const maxImages = Math.min(...chosen.map((c) => limitsOf(c).media.maxCount), 4);
  return {
    tooLong: chosen.filter((c) => !channelFit(c, d.text, d.variants[c.id], d.contentWarning, d.thread).fits).map((c) => c.id),
    missingAlt: altTextRequired ? d.media.flatMap((m, i) => (m.altText.trim() ? [] : [i])) : [],
    altTooLong: d.media.flatMap((m, i) => (m.altText.trim().length > altMax ? [i] : [])),
    tooManyImages: d.media.length > maxImages,
  };
}

export const hasProblems = (p: DraftProblems) => p.tooLong.length > 0 || p.missingAlt.length > 0 || p.altTooLong.length > 0 || p.tooManyImages;
