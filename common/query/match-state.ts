/**
 * Per-match scratch state of the indexed matcher. Instead of building maps per post, the post's
 * term ids are stamped into process-wide arrays indexed by term id: "does the post contain term
 * 42" is then `wordSeq[42] === seq`. A stamp is valid only during one {@link prepare} … evaluate
 * sequence; matching is synchronous, so no other post can interleave.
 */
import type { AnalyzedPost } from './analyze.ts';
import { terms } from './term-table.ts';
import { wildcards } from './wildcard-index.ts';

/** The stamp of the current match. */
export let seq = 0;
/** Per term id: seq if the body has the word (or hashtag). */
export let wordSeq: Int32Array = new Int32Array(1024);
/** Per term id: seq if the body has the hashtag. */
export let tagSeq: Int32Array = new Int32Array(1024);
/** Per term id: the first body position of the word (valid when wordSeq matches). */
export let headPos: Int32Array = new Int32Array(1024);
/** Per term id: seq if the body mentions the handle key. */
export let mentionSeq: Int32Array = new Int32Array(1024);
/** Per term id: seq if the title has the word. */
export let titleSeq: Int32Array = new Int32Array(1024);
/** Per body position: the next position of the same word, or -1. */
export let nextPos: Int32Array = new Int32Array(256);
/** Per pattern id: seq if some body word matches the wildcard pattern. */
export let patternSeq: Int32Array = new Int32Array(64);

/** Distinct body words, hashtags, mention keys and matching patterns of the post (for presearch). */
export const distinct: { words: Int32Array; wordCount: number; tags: Int32Array; tagCount: number; patterns: Int32Array; patternCount: number } = {
  words: new Int32Array(256), wordCount: 0, tags: new Int32Array(64), tagCount: 0, patterns: new Int32Array(64), patternCount: 0,
};

const RESET_AT = 1 << 30;

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

function ensureCapacity(post: AnalyzedPost): void {
  const ids = terms.idLimit;
  if (wordSeq.length < ids) {
    wordSeq = grown(wordSeq, ids);
    tagSeq = grown(tagSeq, ids);
    headPos = grown(headPos, ids);
    mentionSeq = grown(mentionSeq, ids);
    titleSeq = grown(titleSeq, ids);
  }
  const n = post.tokens.length;
  if (nextPos.length < n) nextPos = new Int32Array(n * 2);
  if (distinct.words.length < n) distinct.words = new Int32Array(n * 2);
  if (distinct.tags.length < n) distinct.tags = new Int32Array(n * 2);
  if (patternSeq.length < wildcards.pidLimit) patternSeq = grown(patternSeq, wildcards.pidLimit);
}

function nextSeq(): number {
  if (++seq >= RESET_AT) {
    // Stamps from two billion matches ago could collide after wrapping; start afresh.
    for (const a of [wordSeq, tagSeq, mentionSeq, titleSeq, patternSeq]) a.fill(0);
    seq = 1;
  }
  return seq;
}

/** Stamps a (current-generation) post into the scratch arrays and lists its distinct keys. */
export function prepare(post: AnalyzedPost): void {
  ensureCapacity(post);
  const s = nextSeq();
  const tokens = post.tokens;
  const d = distinct;
  let words = 0;
  let tags = 0;
  // Backwards, so that each chain starts at the first occurrence.
  for (let p = tokens.length - 1; p >= 0; p--) {
    const t = tokens[p]!;
    if (t < 0) continue;
    const id = t >> 1;
    if (wordSeq[id] === s) nextPos[p] = headPos[id]!;
    else {
      wordSeq[id] = s;
      nextPos[p] = -1;
      d.words[words++] = id;
    }
    headPos[id] = p;
    if ((t & 1) === 1 && tagSeq[id] !== s) {
      tagSeq[id] = s;
      d.tags[tags++] = id;
    }
  }
  d.wordCount = words;
  d.tagCount = tags;
  const m = post.mentions;
  for (let k = 1; k < m.length; k += 2) mentionSeq[m[k]!] = s;
  if (post.title !== null) {
    const tt = post.title.tokens;
    for (let p = 0; p < tt.length; p++) if (tt[p]! >= 0) titleSeq[tt[p]! >> 1] = s;
  }
  let patterns = 0;
  if (wildcards.size > 0) {
    for (let i = 0; i < words; i++) {
      const pids = wildcards.lookup(d.words[i]!);
      for (let k = 0; k < pids.length; k++) {
        const pid = pids[k]!;
        if (patternSeq[pid] === s) continue;
        patternSeq[pid] = s;
        if (patterns >= d.patterns.length) d.patterns = grown(d.patterns, patterns + 1);
        d.patterns[patterns++] = pid;
      }
    }
  }
  d.patternCount = patterns;
}
