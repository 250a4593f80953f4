/**
 * Text counting rules per network. Pure (no Node APIs) so the web composer can import it too.
 */
import type { TextCountingRule, TextLimits } from './contract.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Number of user-perceived characters (extended grapheme clusters): "👩‍👩‍👧" and "ä" (a + ◌̈) are 1. */
export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

// Mastodon only shortens URLs with an explicit http(s) scheme; trailing sentence punctuation is not
// part of the URL (mirrors twitter-text's valid_url as used by Mastodon's StatusLengthValidator).
const URL_RE = /(^|[^\p{L}\p{N}_/@])(https?:\/\/[^\s<>"'`]+)/giu;
const TRAILING_PUNCT_RE = /[.,;:!?)\]}'"»“”’]+$/u;
// `@user@domain` counts as `@user`: remote domains must not eat into the author's budget.
const MENTION_RE = /(^|[^\p{L}\p{N}_/])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_])?)@[a-z0-9.-]+[a-z0-9]+/giu;

/**
 * Replaces what Mastodon does not count in full: every URL becomes `urlLength` placeholder characters,
 * every remote mention `@user@domain` becomes `@user`.
 */
export function mastodonCountableText(text: string, urlLength: number): string {
  const placeholder = 'x'.repeat(urlLength);
  const withUrls = text.replace(URL_RE, (_m, pre: string, url: string) => {
    const trailing = url.match(TRAILING_PUNCT_RE)?.[0] ?? '';
    return pre + placeholder + trailing;
  });
  return withUrls.replace(MENTION_RE, (_m, pre: string, user: string) => `${pre}@${user}`);
}

/**
 * Counts `text` the way the network does. For Mastodon the content warning counts against the same
 * limit as the text, so pass it as `contentWarning`.
 */
export function countText(text: string, rule: TextCountingRule, contentWarning = ''): number {
  if (rule.kind === 'graphemes') return countGraphemes(text);
  return countGraphemes(mastodonCountableText(text, rule.charactersReservedPerUrl)) + countGraphemes(contentWarning);
}

export interface TextCheck {
  count: number;
  max: number;
  remaining: number;
  ok: boolean;
}

/** Composer helper: count, remaining budget and whether the text fits. */
export function checkText(text: string, limits: TextLimits, contentWarning = ''): TextCheck {
  const count = countText(text, limits.counting, contentWarning);
  return { count, max: limits.maxLength, remaining: limits.maxLength - count, ok: count <= limits.maxLength };
}
