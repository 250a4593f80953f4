/**
 * The tokenizer shared by posts and queries. Words follow Unicode word boundaries (UAX #29
 * subset, see char-class.ts); hashtags, mentions and URLs are recognised first, as their own
 * token kinds, so that text inside them is never mistaken for ordinary words.
 */
import {
  charClass, CONNECT, DIGIT, EXTEND, isWordClass, LETTER, MID_LETTER, MID_NUM, MID_NUM_LET,
} from './char-class.ts';
import { foldNonAscii, foldText } from './fold.ts';
import { terms } from './term-table.ts';

/** `word`: ordinary word; `hashtag`: `#tag`; `mention`: `@handle` or `@user@instance`; `url`: a link. */
export type TokenKind = 'word' | 'hashtag' | 'mention' | 'url';

/** One token. `value` is folded (words, hashtags without `#`, mentions without `@`) or lower-cased (URLs). */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** UTF-16 offsets into the source text, end exclusive (including `#`/`@`). */
  readonly start: number;
  readonly end: number;
}

const HASH = 0x23;
const FULLWIDTH_HASH = 0xff03;
const AT = 0x40;
const FULLWIDTH_AT = 0xff20;
const DOT = 0x2e;
const HYPHEN = 0x2d;

const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, cp) => charClass(cp));

/** Token kind codes of the scan buffer. */
export const WORD = 0;
export const HASHTAG = 1;
export const MENTION = 2;
export const URL = 3;
const KIND_NAMES: readonly TokenKind[] = ['word', 'hashtag', 'mention', 'url'];

/**
 * The tokens of the last {@link scanTokens} call, as parallel arrays: the analyser reads them
 * without allocating a token object per word. Overwritten by the next call.
 */
export interface ScanBuffer {
  count: number;
  readonly kinds: number[];
  /** Term id (term-table.ts) of the folded value of a word, hashtag or mention; -1 for a URL. */
  readonly ids: number[];
  /** The lower-cased URL for URL tokens ('' for the others: their value is the term of the id). */
  readonly values: string[];
  readonly starts: number[];
  readonly ends: number[];
}

const buffer: ScanBuffer = { count: 0, kinds: [], ids: [], values: [], starts: [], ends: [] };

function emit(kind: number, id: number, value: string, start: number, end: number): void {
  const k = buffer.count++;
  buffer.kinds[k] = kind;
  buffer.ids[k] = id;
  buffer.values[k] = value;
  buffer.starts[k] = start;
  buffer.ends[k] = end;
}

function cpAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) ?? c) : c;
}

function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Class of the code point at i, or 0 past the end. */
function classAt(text: string, i: number): number {
  return i < text.length ? charClass(cpAt(text, i)) : 0;
}

// Unicode normalisation is the slowest step of tokenising; words repeat (Zipf), so non-ASCII
// words are folded once and then looked up. Bounded by dropping the cache when it is full.
const FOLD_CACHE_LIMIT = 50_000;
let foldCache = new Map<string, string>();

/** The term id of the folded slice; ASCII words are looked up without creating a string. */
function termId(text: string, start: number, end: number, ascii: boolean): number {
  return ascii ? terms.idOfAscii(text, start, end) : terms.idOf(foldNonAsciiSlice(text, start, end));
}

function foldNonAsciiSlice(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  let folded = foldCache.get(raw);
  if (folded === undefined) {
    folded = foldNonAscii(raw);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache = new Map();
    foldCache.set(raw, folded);
  }
  return folded;
}

// Side results of scanWord, kept in module state to avoid allocating a result object per word.
let scannedAscii = true;
let scannedAlnum = false;

/**
 * Scans one word starting at `start` (a letter, digit or connector) and returns its end offset;
 * sets `scannedAscii` and `scannedAlnum` (the word has a letter or digit, not only `_`).
 */
function scanWord(text: string, start: number, joiners: boolean): number {
  const n = text.length;
  let i = start;
  let last = 0;
  let ascii = true;
  let alnum = false;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      // Fast path: ASCII letters and digits are most of every post.
      const a = ASCII_CLASS[code]!;
      if (a === LETTER || a === DIGIT) {
        last = a;
        alnum = true;
        i++;
        continue;
      }
    }
    const cp = code < 128 ? code : cpAt(text, i);
    const c = code < 128 ? ASCII_CLASS[code]! : charClass(cp);
    if (c === LETTER || c === DIGIT) {
      last = c;
      alnum = true;
    } else if (c === CONNECT) {
      last = c;
    } else if (c === EXTEND) {
      // extends the previous character; keeps `last`
    } else if (joiners && (c === MID_LETTER || c === MID_NUM_LET || c === MID_NUM) && i + 1 < n) {
      const next = classAt(text, i + 1);
      const joinsLetters = last === LETTER && next === LETTER && c !== MID_NUM;
      const joinsDigits = last === DIGIT && next === DIGIT && c !== MID_LETTER;
      if (!joinsLetters && !joinsDigits) break;
      if (cp >= 128) ascii = false;
      i += 1;
      continue;
    } else {
      break;
    }
    if (cp >= 128) ascii = false;
    i += width(cp);
  }
  scannedAscii = ascii;
  scannedAlnum = alnum;
  return i;
}

/** Digits and underscores only (what `/^[\d_]+$/` accepts). */
function digitsOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5f && (c < 0x30 || c > 0x39)) return false;
  }
  return s.length > 0;
}

function lowerAt(text: string, i: number): number {
  return text.charCodeAt(i) | 0x20;
}

// Compared code by code: this runs at every word start, and slicing would allocate.
function startsWithUrl(text: string, i: number): boolean {
  const c = lowerAt(text, i);
  if (c === 0x68 /* h */) {
    if (lowerAt(text, i + 1) !== 0x74 || lowerAt(text, i + 2) !== 0x74 || lowerAt(text, i + 3) !== 0x70) return false;
    const s = lowerAt(text, i + 4) === 0x73 ? i + 5 : i + 4;
    return text.charCodeAt(s) === 0x3a && text.charCodeAt(s + 1) === 0x2f && text.charCodeAt(s + 2) === 0x2f;
  }
  if (c === 0x77 /* w */) {
    return lowerAt(text, i + 1) === 0x77 && lowerAt(text, i + 2) === 0x77 && text.charCodeAt(i + 3) === DOT && classAt(text, i + 4) === LETTER;
  }
  return false;
}

const URL_STOP = /[\s<>"\u00ab\u00bb\u201c\u201d]/u;
const URL_TRAILING = '.,;:!?\'"*';

function scanUrl(text: string, start: number): number {
  let end = start;
  while (end < text.length && !URL_STOP.test(text[end]!)) end++;
  // Sentence punctuation and an unbalanced closing bracket after a link belong to the text.
  for (;;) {
    const last = text[end - 1]!;
    if (URL_TRAILING.includes(last)) end--;
    else if (last === ')' && count(text, start, end, '(') < count(text, start, end, ')')) end--;
    else break;
  }
  return end;
}

function count(text: string, start: number, end: number, ch: string): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text[i] === ch) n++;
  return n;
}

/** Scans a handle body (letters, digits, `_`, `.`, `-`), dropping trailing dots and hyphens. */
function scanHandle(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const cp = cpAt(text, i);
    if (cp === DOT || cp === HYPHEN || isWordClass(charClass(cp))) i += width(cp);
    else break;
  }
  while (i > start && (text.charCodeAt(i - 1) === DOT || text.charCodeAt(i - 1) === HYPHEN)) i--;
  return i;
}

/** Scans text into the shared {@link ScanBuffer} (see {@link tokenize} for the rules). */
export function scanTokens(text: string): ScanBuffer {
  buffer.count = 0;
  const n = text.length;
  let i = 0;
  let prevWordy = false;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      prevWordy = false;
      i++;
      continue;
    }
    const cp = code < 128 ? code : cpAt(text, i);
    const c = code < 128 ? ASCII_CLASS[code]! : charClass(cp);
    const w = width(cp);
    if (!prevWordy) {
      if ((cp === HASH || cp === FULLWIDTH_HASH) && i + 1 < n) {
        const next = classAt(text, i + 1);
        if (next === LETTER || next === DIGIT || next === CONNECT) {
          const end = scanWord(text, i + 1, false);
          const id = termId(text, i + 1, end, scannedAscii);
          // `#1` is a rank, not a hashtag (as on Mastodon): keep it as a number.
          if (!digitsOnly(terms.term(id))) {
            emit(HASHTAG, id, '', i, end);
            i = end;
            prevWordy = true;
            continue;
          }
        }
      } else if ((cp === AT || cp === FULLWIDTH_AT) && i + 1 < n && isWordClass(classAt(text, i + 1)) && classAt(text, i + 1) !== EXTEND) {
        let end = scanHandle(text, i + 1);
        if ((text.charCodeAt(end) === AT || text.charCodeAt(end) === FULLWIDTH_AT) && isWordClass(classAt(text, end + 1))) {
          const domainEnd = scanHandle(text, end + 1);
          if (domainEnd > end + 1) end = domainEnd;
        }
        emit(MENTION, terms.idOf(foldText(text.slice(i + 1, end))), '', i, end);
        i = end;
        prevWordy = true;
        continue;
      } else if (startsWithUrl(text, i)) {
        const end = scanUrl(text, i);
        emit(URL, -1, text.slice(i, end).toLowerCase(), i, end);
        i = end;
        prevWordy = true;
        continue;
      }
    }
    if (c === LETTER || c === DIGIT || c === CONNECT) {
      const end = scanWord(text, i, true);
      // A run of connectors alone (`___`) is punctuation, not a word.
      if (scannedAlnum) emit(WORD, termId(text, i, end, scannedAscii), '', i, end);
      i = end;
      prevWordy = true;
      continue;
    }
    prevWordy = c === EXTEND && prevWordy;
    i += w;
  }
  return buffer;
}

/**
 * Splits text into tokens. Words are folded with {@link foldNonAscii} semantics
 * (`Müller` → `mueller`); `#Klima` → hashtag `klima`; `@user@social.example` → mention
 * `user@social.example`; `https://…` and `www.…` → url (lower-cased).
 */
export function tokenize(text: string): Token[] {
  const b = scanTokens(text);
  const tokens: Token[] = [];
  for (let k = 0; k < b.count; k++) {
    const kind = b.kinds[k]!;
    tokens.push({ kind: KIND_NAMES[kind]!, value: kind === URL ? b.values[k]! : terms.term(b.ids[k]!), start: b.starts[k]!, end: b.ends[k]! });
  }
  return tokens;
}
