/**
 * Live counters of the composer: each channel's text counted by its network's own rule (shared with
 * the server in providers/text-count.ts), against the instance's stored limits or the network default.
 */
import type { TextLimits } from '../../../../providers/contract.ts';
import { checkText, type TextCheck } from '../../../../providers/text-count.ts';

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
