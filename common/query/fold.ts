/**
 * German-aware folding shared by posts and queries, so that both sides of a comparison are
 * normalised by exactly the same function.
 */

const GERMAN = /[äöüß]/g;
const GERMAN_MAP: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
// The combining diacritics that NFKD splits accented Latin, Greek and Cyrillic letters into.
// Marks of other scripts (Japanese dakuten, Indic vowel signs) change the letter, so they stay.
// Cf covers soft hyphens and zero-width joiners, which are invisible.
const STRIP = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\p{Cf}]/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
// Typographic apostrophes are one letter to a reader: "don’t" and "don't" are the same word.
const APOSTROPHES = /[\u2018\u2019\u02bc\uff07]/g;

/**
 * Folds a word for matching: case-insensitive, `ä→ae ö→oe ü→ue ß→ss`, other diacritics removed,
 * compatibility forms (ligatures, full-width letters) decomposed. Idempotent.
 * @example foldText('MÜLLER') === 'mueller'; foldText('Straße') === 'strasse'; foldText('Café') === 'cafe'
 */
export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return foldNonAscii(text);
}

/** {@link foldText} for a string the caller already knows to contain non-ASCII characters. */
export function foldNonAscii(text: string): string {
  let s = foldOnce(text);
  // NFKD can yield upper-case or German letters again (letterlike symbols); iterate to a fixed
  // point so that folding stays idempotent. Two rounds are enough in practice; four is a bound.
  for (let i = 0; i < 4; i++) {
    const next = foldOnce(s);
    if (next === s) break;
    s = next;
  }
  return s;
}

function foldOnce(text: string): string {
  // NFC first so that a decomposed "u + U+0308" is recognised as "ü" and becomes "ue", not "u".
  const german = text.toLowerCase().normalize('NFC').replace(GERMAN, (c) => GERMAN_MAP[c] ?? c);
  return german.normalize('NFKD').replace(STRIP, '').normalize('NFC').replace(APOSTROPHES, "'");
}
