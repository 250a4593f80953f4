/**
 * Rule-based sentiment over a word list: negation (forwards, and backwards for German
 * verb-final clauses: "das gefällt mir nicht"), intensifiers and downtoners, contrast ("aber",
 * "but"), emphasis (capitals, stretched words, exclamation marks), hashtags, emoji and emoticons.
 */
import type { CompiledLexicon } from './lexicon-lookup.ts';
import { emojiWeight, emoticonWeight } from './emoji-lexicon.ts';
import { splitHashtag, type Token } from './text-normalize.ts';

export interface LexiconScore {
  /** Sum of all weighted evidence. */
  raw: number;
  /** `raw` squashed into [-1, 1]. */
  score: number;
  /** Positive and negative evidence from words and hashtags (absolute values). */
  wordPos: number;
  wordNeg: number;
  /** Positive and negative evidence from emoji and emoticons (absolute values). */
  symbolPos: number;
  symbolNeg: number;
  negations: number;
}

const NEGATION_SCOPE = 3;
const NEGATION_FACTOR = -0.75;
const BACKWARD_NEGATION_REACH = 4;
const EMPHASIS = 1.3;
const BEFORE_CONTRAST = 0.6;
const AFTER_CONTRAST = 1.4;
const EXCLAMATION_BOOST = 0.3;
const MAX_SAME_SYMBOL = 2;
// VADER's normalisation constant: 15 makes a single strong word land near ±0.6.
const SQUASH_ALPHA = 15;

interface Item {
  value: number;
  index: number;
  symbol: boolean;
}

const CLAUSE_END = /[.,;:!?]/;

/** Scores tokens of one post with a compiled word list (emoji and emoticons always count). */
export function scoreTokens(tokens: readonly Token[], lex: CompiledLexicon | undefined): LexiconScore {
  const items: Item[] = [];
  let clauseStart = 0; // first item of the current clause
  let sentenceStart = 0; // first item of the current sentence (contrast reaches across commas)
  let negateLeft = 0;
  let pendingNegator = -1; // token index of a negator that has not negated anything yet
  let modifier = 1; // intensifier/downtoner waiting for its word
  let contrastBoost = 1;
  let negations = 0;
  let exclamations = 0;
  const symbolCounts = new Map<string, number>();

  const closeClause = (): void => {
    // German puts "nicht" after what it negates: flip the nearest preceding word in the clause.
    if (pendingNegator >= 0) {
      for (let k = items.length - 1; k >= clauseStart; k--) {
        const it = items[k];
        if (!it || it.symbol) continue;
        if (pendingNegator - it.index <= BACKWARD_NEGATION_REACH && it.index < pendingNegator) it.value *= NEGATION_FACTOR;
        break;
      }
    }
    pendingNegator = -1;
    negateLeft = 0;
    modifier = 1;
    clauseStart = items.length;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      if (t.norm.includes('!')) exclamations += t.norm.split('!').length - 1;
      if (CLAUSE_END.test(t.norm)) closeClause();
      if (/[.!?]/.test(t.norm)) {
        sentenceStart = items.length;
        contrastBoost = 1;
      }
      continue;
    }
    if (t.kind === 'emoji' || t.kind === 'emoticon') {
      const seen = symbolCounts.get(t.norm) ?? 0;
      symbolCounts.set(t.norm, seen + 1);
      const w = t.kind === 'emoji' ? emojiWeight(t.norm) : emoticonWeight(t.norm);
      if (w !== 0 && seen < MAX_SAME_SYMBOL) items.push({ value: w, index: i, symbol: true });
      continue;
    }
    if (t.kind === 'hashtag') {
      if (!lex) continue;
      let w = lex.weight(t.norm);
      if (w === 0) {
        const parts = splitHashtag(t.raw);
        if (parts.length > 1) w = hashtagParts(parts, lex);
      }
      if (w !== 0) items.push({ value: w, index: i, symbol: false });
      continue;
    }
    if (t.kind !== 'word' || !lex) continue;

    const next = tokens[i + 1];
    const pair = next && next.kind === 'word' ? lex.bigram(t.norm, next.norm) : 0;
    if (pair !== 0) {
      items.push({ value: pair * emphasis(t) * emphasis(next!) * contrastBoost, index: i, symbol: false });
      i++;
      negateLeft = 0;
      pendingNegator = -1;
      continue;
    }
    if (lex.isNegator(t.norm)) {
      negations++;
      negateLeft = NEGATION_SCOPE;
      pendingNegator = i;
      continue;
    }
    if (lex.isContrast(t.norm)) {
      for (let k = sentenceStart; k < items.length; k++) items[k]!.value *= BEFORE_CONTRAST;
      closeClause();
      contrastBoost = AFTER_CONTRAST;
      continue;
    }
    const m = lex.modifier(t.norm);
    const w = lex.weight(t.norm);
    if (m !== undefined && nextWordWeight(tokens, i, lex) !== 0) {
      modifier *= m;
      if (negateLeft > 0) negateLeft++;
      continue;
    }
    if (w !== 0) {
      let value = w * emphasis(t) * modifier * contrastBoost;
      if (negateLeft > 0) {
        value *= NEGATION_FACTOR;
        pendingNegator = -1;
      }
      items.push({ value, index: i, symbol: false });
    }
    // A modifier reaches only the next word ("sehr gut", "sehr, sehr gut" is two modifiers).
    modifier = 1;
    if (negateLeft > 0) negateLeft--;
  }
  closeClause();

  let raw = 0;
  let wordPos = 0;
  let wordNeg = 0;
  let symbolPos = 0;
  let symbolNeg = 0;
  for (const it of items) {
    raw += it.value;
    if (it.symbol) {
      if (it.value > 0) symbolPos += it.value;
      else symbolNeg -= it.value;
    } else if (it.value > 0) wordPos += it.value;
    else wordNeg -= it.value;
  }
  if (raw !== 0) raw += Math.sign(raw) * EXCLAMATION_BOOST * Math.min(exclamations, 4);
  return { raw, score: raw / Math.sqrt(raw * raw + SQUASH_ALPHA), wordPos, wordNeg, symbolPos, symbolNeg, negations };
}

function emphasis(t: Token): number {
  return (t.shouted ? EMPHASIS : 1) * (t.elongated ? EMPHASIS : 1);
}

function nextWordWeight(tokens: readonly Token[], i: number, lex: CompiledLexicon): number {
  for (let k = i + 1; k < tokens.length && k <= i + 2; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') return 0;
    const w = lex.weight(t.norm);
    if (w !== 0 || lex.modifier(t.norm) !== undefined) return w || 1;
  }
  return 0;
}

function hashtagParts(parts: string[], lex: CompiledLexicon): number {
  let sum = 0;
  let negate = false;
  for (const p of parts) {
    if (lex.isNegator(p)) negate = true;
    else sum += lex.weight(p);
  }
  return negate ? sum * NEGATION_FACTOR : sum;
}
