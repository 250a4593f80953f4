/** The shape of a built-in word list; see `lexicon.de.ts` and `lexicon.en.ts`. */
export interface LanguageLexicon {
  /** Weight (as a string key, -3 … 3) → whitespace-separated folded words; `a_b` is a two-word entry, `stem*` a prefix. */
  weights: Record<string, string>;
  /** Words that flip the next sentiment words in their clause. */
  negators: string;
  /** Multiplier (as a string key) → words that scale the next sentiment word. */
  intensifiers: Record<string, string>;
  /** Words after which the rest of the clause counts more ("gut, aber teuer"). */
  contrasts: string;
  /** Try the longest listed word at the end of an unknown word (German compounds). */
  suffixMatch: boolean;
  /** Inflection endings stripped when the exact word is not listed. */
  endings: string[];
}
