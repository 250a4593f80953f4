/**
 * The tokenizer shared by posts and queries. Words follow Unicode word boundaries (UAX #29
 * subset, see char-class.ts); hashtags, mentions and URLs are recognised first, as their own
 * token kinds, so that text inside them is never mistaken for ordinary words.
 */
import {
  charClass, CONNECT, DIGIT, EXTEND, isWordClass, LETTER, MID_LETTER, MID_NUM, MID_NUM_LET,
} from './char-class.ts';
import { foldNonAscii, foldText } from './fold.ts';

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

function foldSlice(text: string, start: number, end: number, ascii: boolean): string {
  const raw = text.slice(start, end);
  return ascii ? raw.toLowerCase() : foldNonAscii(raw);
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
    const cp = cpAt(text, i);
    const c = charClass(cp);
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

function startsWithUrl(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  if (c === 0x68 /* h */) {
    const head = text.slice(i, i + 8).toLowerCase();
    return head.startsWith('http://') || head === 'https://';
  }
  if (c === 0x77 /* w */) {
    return text.slice(i, i + 4).toLowerCase() === 'www.' && classAt(text, i + 4) === LETTER;
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

/**
 * Splits text into tokens. Words are folded with {@link foldNonAscii} semantics
 * (`Müller` → `mueller`); `#Klima` → hashtag `klima`; `@user@social.example` → mention
 * `user@social.example`; `https://…` and `www.…` → url (lower-cased).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let prevWordy = false;
  while (i < n) {
    const cp = cpAt(text, i);
    const c = charClass(cp);
    const w = width(cp);
    if (!prevWordy) {
      if ((cp === HASH || cp === FULLWIDTH_HASH) && i + 1 < n) {
        const next = classAt(text, i + 1);
        if (next === LETTER || next === DIGIT || next === CONNECT) {
          const end = scanWord(text, i + 1, false);
          const value = foldSlice(text, i + 1, end, scannedAscii);
          // `#1` is a rank, not a hashtag (as on Mastodon): keep it as a number.
          if (!/^[\d_]+$/.test(value)) {
            tokens.push({ kind: 'hashtag', value, start: i, end });
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
        tokens.push({ kind: 'mention', value: foldText(text.slice(i + 1, end)), start: i, end });
        i = end;
        prevWordy = true;
        continue;
      } else if (startsWithUrl(text, i)) {
        const end = scanUrl(text, i);
        tokens.push({ kind: 'url', value: text.slice(i, end).toLowerCase(), start: i, end });
        i = end;
        prevWordy = true;
        continue;
      }
    }
    if (c === LETTER || c === DIGIT || c === CONNECT) {
      const end = scanWord(text, i, true);
      // A run of connectors alone (`___`) is punctuation, not a word.
      if (scannedAlnum) tokens.push({ kind: 'word', value: foldSlice(text, i, end, scannedAscii), start: i, end });
      i = end;
      prevWordy = true;
      continue;
    }
    prevWordy = c === EXTEND && prevWordy;
    i += w;
  }
  return tokens;
}
