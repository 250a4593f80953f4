/**
 * Splitting a long text into a thread, counted by each network's own rule (text-count.ts), so the
 * composer can show per network how a text falls apart: explicit breaks (a line `---`) first, then
 * at sentence ends, then between words; every part numbered "(i/n)". Pure (web and server).
 */
import type { TextLimits } from './contract.ts';
import { checkText, countText } from './text-count.ts';

const BREAK_RE = /\n[ \t]*-{3,}[ \t]*\n/;
const SENTENCE_END_RE = /[.!?…]["»“”’)]?\s+$|\n\s*$/u;
/**
 * Most parts a thread may have (checked before review). Readers rarely follow longer chains, and a
 * bound keeps one target's network calls within a few lease renewals.
 */
export const MAX_THREAD_PARTS = 25;
/** Room kept for " (12/34)". */
const NUMBER_RESERVE = 8;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function packChunk(chunk: string, fits: (s: string) => boolean): string[] {
  const tokens = chunk.split(/(?<=\s)/u);
  const parts: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur.trim()) parts.push(cur.trim());
    cur = '';
  };
  for (const token of tokens) {
    if (fits(cur + token.trimEnd())) {
      cur += token;
      continue;
    }
    // Prefer to end the part at the last sentence end in its second half.
    const words = cur.split(/(?<=\s)/u);
    for (let i = words.length - 1; i > words.length / 2; i--) {
      if (SENTENCE_END_RE.test(words.slice(0, i).join(''))) {
        const rest = words.slice(i).join('');
        cur = words.slice(0, i).join('');
        flush();
        cur = rest;
        break;
      }
    }
    if (fits(cur + token.trimEnd())) {
      cur += token;
      continue;
    }
    flush();
    if (fits(token.trimEnd())) {
      cur = token;
      continue;
    }
    // A single word longer than a part (rare: a very long link): cut it by graphemes.
    for (const { segment } of graphemes.segment(token)) {
      if (!fits(cur + segment)) flush();
      cur += segment;
    }
  }
  flush();
  return parts;
}

/**
 * The parts of `text` for a network with `limits`: one part when it fits, else numbered parts that
 * each fit (including the Mastodon content warning, which every post of the thread repeats).
 */
export function splitThread(text: string, limits: TextLimits, contentWarning = ''): string[] {
  const count = (s: string) => countText(s, limits.counting, contentWarning);
  const chunks = text.split(BREAK_RE).map((c) => c.trim()).filter(Boolean);
  if (chunks.length <= 1 && count(text.trim()) <= limits.maxLength) return text.trim() ? [text.trim()] : [];
  const budget = limits.maxLength - NUMBER_RESERVE;
  const parts = chunks.flatMap((c) => packChunk(c, (s) => count(s) <= budget));
  return parts.map((p, i) => `${p} (${i + 1}/${parts.length})`);
}

export interface ThreadCheck {
  parts: string[];
  /** More parts than MAX_THREAD_PARTS. */
  tooManyParts: boolean;
  /** Each part that does not fit on its own (a word longer than the limit), with its count. */
  oversized: { index: number; count: number; max: number }[];
}

/**
 * Whether a text can go out as a thread: the split the publisher sends, its length bound and every
 * part within the limit. The one rule behind the composer's counters and the server's validation.
 */
export function checkThread(text: string, limits: TextLimits, contentWarning = ''): ThreadCheck {
  const parts = splitThread(text, limits, contentWarning);
  const oversized: ThreadCheck['oversized'] = [];
  parts.forEach((p, index) => {
    const c = checkText(p, limits, contentWarning);
    if (!c.ok) oversized.push({ index, count: c.count, max: c.max });
  });
  return { parts, tooManyParts: parts.length > MAX_THREAD_PARTS, oversized };
}
