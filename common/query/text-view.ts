/**
 * A string view of an analysed text for the reference evaluator (evaluate.ts): folded words,
 * hashtag flags, a word → positions chain and mention keys, all as strings. Deliberately plain —
 * the reference evaluator defines the semantics the indexed matcher must reproduce, so it shares
 * only the tokenizer with it, not the id-based machinery.
 */
import type { AnalyzedText } from './analyze.ts';
import { terms } from './term-table.ts';

export interface TextView {
  /** Per token position: the folded word (also for hashtags), or null for mentions and URLs. */
  readonly values: readonly (string | null)[];
  /** Per token position: 1 for hashtags, 0 otherwise. */
  readonly isHashtag: readonly number[];
  /** Folded word (of a word or hashtag token) → its first position. */
  readonly heads: ReadonlyMap<string, number>;
  /** Next position with the same word, or -1. */
  readonly next: readonly number[];
  /** Folded handle → positions; `user@instance` is also listed as `user@` (any instance). */
  readonly mentions: ReadonlyMap<string, readonly number[]>;
}

// Keyed by the token array, which a re-analysis (after a term-table rotation) replaces.
const views = new WeakMap<Int32Array, TextView>();

/** The string view of a text (built once per text; the text must be of the current term generation). */
export function textView(text: AnalyzedText): TextView {
  let view = views.get(text.tokens);
  if (view === undefined) {
    view = build(text);
    views.set(text.tokens, view);
  }
  return view;
}

function build(text: AnalyzedText): TextView {
  const values: (string | null)[] = [];
  const isHashtag: number[] = [];
  const next: number[] = [];
  const heads = new Map<string, number>();
  const tails = new Map<string, number>();
  text.tokens.forEach((t, i) => {
    next.push(-1);
    const value = t < 0 ? null : terms.term(t >> 1);
    values.push(value);
    isHashtag.push(t >= 0 && (t & 1) === 1 ? 1 : 0);
    if (value === null) return;
    const tail = tails.get(value);
    if (tail === undefined) heads.set(value, i);
    else next[tail] = i;
    tails.set(value, i);
  });
  const mentions = new Map<string, number[]>();
  for (let k = 0; k < text.mentions.length; k += 2) {
    const key = terms.term(text.mentions[k + 1]!);
    const list = mentions.get(key);
    if (list === undefined) mentions.set(key, [text.mentions[k]!]);
    else list.push(text.mentions[k]!);
  }
  return { values, isHashtag, heads, next, mentions };
}
