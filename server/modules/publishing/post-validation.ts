/**
 * Pre-review checks against each target network's rules: text length by the network's own counting
 * rule (Bluesky graphemes, Mastodon with URLs as 23), media count and types, and the workspace's
 * alt-text policy (required by default: the accessibility gate).
 */
import type { ProviderLimits } from '../../../providers/contract.ts';
import { checkText } from '../../../providers/text-count.ts';
import { checkThread, MAX_THREAD_PARTS } from '../../../providers/thread-split.ts';
import { MASTODON_DEFAULT_LIMITS } from '../../../providers/mastodon/mastodon.limits.ts';
import type { FieldError } from '../../http/errors.ts';
import { pickRendition, type MediaRenditions } from '../media/media-fit.ts';
import { textFor, threadChosenFor, type PostContent } from './post-content.ts';

/** Bluesky's limits as the composer needs them (the provider's own descriptor replaces this once registered). */
export const BLUESKY_LIMITS: ProviderLimits = {
  text: { maxLength: 300, counting: { kind: 'graphemes' } },
  media: { maxCount: 4, maxImageBytes: 1_000_000, maxVideoBytes: 0, mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], altTextField: 'alt', altTextMaxLength: 2000 },
  threads: true, contentWarnings: false, maxLanguages: 3, visibilities: ['public'], linkCards: true, polls: null,
};

export function limitsFor(network: string, stored: unknown): ProviderLimits {
  if (stored && typeof stored === 'object' && 'text' in stored) return stored as ProviderLimits;
  return network === 'bluesky' ? BLUESKY_LIMITS : MASTODON_DEFAULT_LIMITS;
}

export function validateForChannels(
  content: PostContent,
  chans: { id: string; network: string; name: string; limits: unknown }[],
  policy: { altTextRequired: boolean },
  /** The library entries of the post's images; when given, each network must be able to take one of their renditions. */
  library?: ReadonlyMap<string, MediaRenditions>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (chans.length === 0) errors.push({ path: 'body.channelIds', message: 'Choose at least one channel.' });
  content.media.forEach((m, i) => {
    if (policy.altTextRequired && !m.altText.trim()) errors.push({ path: `body.media.${i}.altText`, message: 'Alt text is required for every image.' });
    if (library && !library.has(m.id)) errors.push({ path: `body.media.${i}.id`, message: 'The image is no longer in the media library.' });
  });
  if (!content.text.trim() && content.media.length === 0) errors.push({ path: 'body.text', message: 'The post is empty.' });
  for (const c of chans) {
    const limits = limitsFor(c.network, c.limits);
    const text = textFor(content, c.id);
    const path = content.variants[c.id] ? `body.variants.${c.id}.text` : 'body.text';
    const cw = limits.contentWarnings ? (content.contentWarning ?? '') : '';
    const rule = limits.text.counting.kind === 'graphemes' ? 'graphemes' : 'URLs count as 23';
    if (threadChosenFor(content, c.id) && limits.threads) {
      // A thread: every part must fit on its own (the split is the one the publisher sends).
      const thread = checkThread(text, limits.text, cw);
      if (thread.tooManyParts) errors.push({ path, message: `Too long for a thread on ${c.name}: ${thread.parts.length} parts, at most ${MAX_THREAD_PARTS}.` });
      for (const o of thread.oversized) errors.push({ path, message: `Part ${o.index + 1} of the thread is too long for ${c.name}: ${o.count} of ${o.max} characters (${rule}).` });
    } else {
      const check = checkText(text, limits.text, cw);
      if (!check.ok) errors.push({ path, message: `Too long for ${c.name}: ${check.count} of ${check.max} characters (${rule}).` });
    }
    if (content.media.length > limits.media.maxCount) errors.push({ path: 'body.media', message: `${c.name} accepts at most ${limits.media.maxCount} media.` });
    content.media.forEach((m, i) => {
      const stored = library?.get(m.id);
      if (stored ? !pickRendition(stored, limits.media) : !limits.media.mimeTypes.includes(m.mimeType)) {
        errors.push({ path: `body.media.${i}.mimeType`, message: `${c.name} does not accept this image (${m.mimeType}, at most ${Math.floor(limits.media.maxImageBytes / 1_000_000)} MB).` });
      }
      if (m.altText.length > limits.media.altTextMaxLength) {
        errors.push({ path: `body.media.${i}.altText`, message: `Alt text too long for ${c.name}: ${m.altText.length} of ${limits.media.altTextMaxLength} characters.` });
      }
    });
    if (content.contentWarning && !limits.contentWarnings) errors.push({ path: 'body.contentWarning', message: `${c.name} has no content warnings.` });
  }
  return errors;
}
