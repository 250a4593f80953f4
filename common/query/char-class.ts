/**
 * Character classes for word segmentation, modelled on the word-break properties of Unicode
 * UAX #29 (ALetter, Numeric, Extend/Format, ExtendNumLet, MidLetter, MidNumLet, MidNum).
 * A table lookup instead of Intl.Segmenter: the segmenter is several times slower (see the
 * benchmark), and the matcher tokenises every post of a stream.
 */

export const OTHER = 1;
export const LETTER = 2;
export const DIGIT = 3;
/** Combining marks and format characters (soft hyphen, ZWJ): they continue the current word. */
export const EXTEND = 4;
/** Connector punctuation such as `_`: joins letters and digits into one word. */
export const CONNECT = 5;
/** Joins letters only (`k:a`, `l·l`). */
export const MID_LETTER = 6;
/** Joins letters or digits (`.`, apostrophes): `e.g`, `don't`, `3.5`. */
export const MID_NUM_LET = 7;
/** Joins digits only (`,`, `;`): `1,5`. */
export const MID_NUM = 8;

const BMP = new Uint8Array(65536);
const ASTRAL = new Map<number, number>();

const RE_LETTER = /[\p{L}\p{Nl}]/u;
const RE_DIGIT = /\p{Nd}/u;
const RE_EXTEND = /[\p{M}\p{Cf}]/u;
const RE_CONNECT = /\p{Pc}/u;
const MID_LETTER_CHARS = ':\u00b7\u0387\u055f\u05f4\u2027\ufe13\ufe55\uff1a';
const MID_NUM_LET_CHARS = ".'\u2018\u2019\u2024\ufe52\uff07\uff0e";
const MID_NUM_CHARS = ',;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b';

function compute(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (MID_LETTER_CHARS.includes(ch)) return MID_LETTER;
  if (MID_NUM_LET_CHARS.includes(ch)) return MID_NUM_LET;
  if (MID_NUM_CHARS.includes(ch)) return MID_NUM;
  if (RE_LETTER.test(ch)) return LETTER;
  if (RE_DIGIT.test(ch)) return DIGIT;
  if (RE_EXTEND.test(ch)) return EXTEND;
  if (RE_CONNECT.test(ch)) return CONNECT;
  return OTHER;
}

for (let cp = 0; cp < 128; cp++) BMP[cp] = compute(cp);

/** The class of a code point (lazily cached; the first call per character costs a regex test). */
export function charClass(cp: number): number {
  if (cp < 65536) {
    const c = BMP[cp]!;
    if (c !== 0) return c;
    const computed = compute(cp);
    BMP[cp] = computed;
    return computed;
  }
  let c = ASTRAL.get(cp);
  if (c === undefined) {
    c = compute(cp);
    ASTRAL.set(cp, c);
  }
  return c;
}

/** True for characters that can be part of a word body (letters, digits, connectors, marks). */
export function isWordClass(c: number): boolean {
  return c === LETTER || c === DIGIT || c === CONNECT || c === EXTEND;
}
