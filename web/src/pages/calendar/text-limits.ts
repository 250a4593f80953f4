/**
 * Live counters of the composer: each channel's text counted by its network's own rule (shared with
 * the server in providers/text-count.ts), against the instance's stored limits or the network default.
 */
import type { ProviderLimits, TextLimits } from '../../../../providers/contract.ts';
import { MASTODON_DEFAULT_LIMITS } from '../../../../providers/mastodon/mastodon.limits.ts';
import { checkText, type TextCheck } from '../../../../providers/text-count.ts';
import { checkThread, splitThread } from '../../../../providers/thread-split.ts';

const DEFAULTS: Record<string, TextLimits> = {
  bluesky: { maxLength: 300, counting: { kind: 'graphemes' } },
  mastodon: { maxLength: 500, counting: { kind: 'mastodon', charactersReservedPerUrl: 23 } },
};

/** The text limits of a channel: what connecting read from the instance, else the network's default. */
export function textLimitsOf(network: string, stored: unknown): TextLimits {
  const text = stored && typeof stored === 'object' && 'text' in stored ? (stored as { text: TextLimits }).text : null;
  if (text && typeof text.maxLength === 'number' && text.counting) return text;
  return DEFAULTS[network] ?? DEFAULTS.mastodon!;
}

/** Counts what will be sent to a channel: its variant when one is written, else the shared text. */
export function checkChannelText(channel: { network: string; limits: unknown }, shared: string, variant: string | undefined, contentWarning: string): TextCheck {
  const text = variant?.trim() ? variant : shared;
  // Bluesky has no content warning field; only Mastodon counts it against the limit.
  return checkText(text, textLimitsOf(channel.network, channel.limits), channel.network === 'mastodon' ? contentWarning : '');
}

/** Bluesky's limits as the server checks them (server/modules/publishing/post-validation.ts). */
const BLUESKY: ProviderLimits = {
  text: DEFAULTS.bluesky!,
  media: { maxCount: 4, maxImageBytes: 1_000_000, maxVideoBytes: 0, mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], altTextField: 'alt', altTextMaxLength: 2000 },
  threads: true, contentWarnings: false, maxLanguages: 3, visibilities: ['public'], linkCards: true, polls: null,
};

/** All limits of a channel (text, media, alt text): stored at connect time, else the network default. */
export function limitsOf(channel: { network: string; limits: unknown }): ProviderLimits {
  const fallback = channel.network === 'bluesky' ? BLUESKY : MASTODON_DEFAULT_LIMITS;
  const stored = channel.limits as Partial<ProviderLimits> | null;
  if (!stored || typeof stored !== 'object' || !stored.media) return { ...fallback, text: textLimitsOf(channel.network, stored) };
  return { ...fallback, ...stored, text: textLimitsOf(channel.network, stored) } as ProviderLimits;
}

/** The thread a too-long text would become on this channel (one part when it fits). */
export function threadOf(channel: { network: string; limits: unknown }, shared: string, variant: string | undefined, contentWarning: string): string[] {
  const text = variant?.trim() ? variant : shared;
  return splitThread(text, textLimitsOf(channel.network, channel.limits), channel.network === 'mastodon' ? contentWarning : '');
}

/** What a channel's text becomes: whether it can be sent, and the parts when it goes out as a thread. */
export interface ChannelFit {
  fits: boolean;
  /** Too long for one post, thread chosen and possible on this network. */
  asThread: boolean;
  /** The thread's parts (when `asThread`), else empty. */
  parts: string[];
}

/**
 * Whether what the channel receives can be sent: one post within the limit, or — when the author
 * chose a thread and the network has threads — a thread whose parts pass the server's rule
 * (`checkThread`, shared with post-validation.ts).
 */
export function channelFit(channel: { network: string; limits: unknown }, shared: string, variant: string | undefined, contentWarning: string, thread: boolean): ChannelFit {
  if (checkChannelText(channel, shared, variant, contentWarning).ok) return { fits: true, asThread: false, parts: [] };
  if (!thread || !limitsOf(channel).threads) return { fits: false, asThread: false, parts: [] };
  const text = variant?.trim() ? variant : shared;
  const check = checkThread(text, textLimitsOf(channel.network, channel.limits), channel.network === 'mastodon' ? contentWarning : '');
  return { fits: !check.tooManyParts && check.oversized.length === 0, asThread: true, parts: check.parts };
}
