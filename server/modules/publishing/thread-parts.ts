/**
 * Which targets are threads and what their parts are. A channel's text becomes a thread only when
 * the author chose it (for the post, or for the channel's variant) and the text does not fit the
 * network as one post; it is split by the network's own counting rule (providers/thread-split.ts,
 * the same code the composer previews with). Pure: used by validation, the claim (which freezes the
 * parts on the target) and the post's presentation.
 */
import { splitThread } from '../../../providers/thread-split.ts';
import { limitsFor } from './post-validation.ts';
import { textFor, threadChosenFor, type PostContent } from './post-content.ts';

type ThreadContent = Pick<PostContent, 'text' | 'variants' | 'thread' | 'contentWarning'>;
type ThreadChannel = { id: string; network: string; limits: unknown };

/** The parts `content` becomes on `channel` when sent as a thread (whether or not it was chosen). */
export function splitFor(content: ThreadContent, channel: ThreadChannel): string[] {
  const limits = limitsFor(channel.network, channel.limits);
  // Mastodon repeats the content warning on every part; networks without one count nothing for it.
  return splitThread(textFor(content, channel.id), limits.text, limits.contentWarnings ? (content.contentWarning ?? '') : '');
}

/** The thread's parts on `channel`, or null when the channel gets a single post. */
export function threadPartsFor(content: ThreadContent, channel: ThreadChannel): string[] | null {
  if (!threadChosenFor(content, channel.id) || !limitsFor(channel.network, channel.limits).threads) return null;
  const parts = splitFor(content, channel);
  return parts.length > 1 ? parts : null;
}

/**
 * The network identity of part `index` of a target's thread: the record key (Bluesky) and the
 * Idempotency-Key (Mastodon) derive from it, so each part is created at most once however often it
 * is sent. Part 0 is the target itself — a thread's first post and a single post are the same
 * record, which keeps the reconciler's check of single posts unchanged.
 */
export function partIdFor(targetId: string, index: number): string {
  return index === 0 ? targetId : `${targetId}#part-${index}`;
}
