/**
 * Turns a post into the structure the evaluators and the index read. A post is tokenised and
 * folded exactly once, however many queries are then evaluated against it: the result is an
 * array of term ids (term-table.ts), so matching compares numbers, not strings.
 */
import { langKeys, handleKeys, keyCache, sitesOf } from './post-fields.ts';
import { terms } from './term-table.ts';
import { HASHTAG, MENTION, scanTokens, WORD } from './tokenizer.ts';

/** A post as it arrives from a source or from the CLI's NDJSON input. */
export interface PostInput {
  readonly text: string;
  readonly lang?: string | null;
  readonly author?: string | null;
  readonly source?: string | null;
  /** URL of the post itself or of the linked article (RSS). */
  readonly url?: string | null;
  /** Title of an RSS/news item. */
  readonly title?: string | null;
}

/** The tokens of one text (the post body or the title). */
export interface AnalyzedText {
  /**
   * Per token position: `2 × id` for a word, `2 × id + 1` for a hashtag (id = term id of the
   * folded word), -1 for a mention or URL (they count as positions for NEAR, never as words).
   */
  readonly tokens: Int32Array;
  /** Mentions as pairs (position, term id of the folded handle); `user@instance` is listed as `user@` too. */
  readonly mentions: readonly number[];
  /** Lower-cased URLs found in the text. */
  readonly urls: readonly string[];
}

const NO_NUMBERS: readonly number[] = [];
const NO_STRINGS: readonly string[] = [];

/** Tokenises and folds free text. */
export function analyzeText(text: string): AnalyzedText {
  const b = scanTokens(text);
  const n = b.count;
  const tokens = new Int32Array(n);
  let mentions: number[] | null = null;
  let urls: string[] | null = null;
  const kinds = b.kinds;
  const ids = b.ids;
  for (let i = 0; i < n; i++) {
    const kind = kinds[i]!;
    if (kind === WORD) tokens[i] = ids[i]! * 2;
    else if (kind === HASHTAG) tokens[i] = ids[i]! * 2 + 1;
    else {
      tokens[i] = -1;
      if (kind === MENTION) {
        const id = ids[i]!;
        (mentions ??= []).push(i, id);
        const handle = terms.term(id);
        const at = handle.indexOf('@');
        if (at > 0) mentions.push(i, terms.idOf(handle.slice(0, at + 1)));
      } else {
        (urls ??= []).push(b.values[i]!);
      }
    }
  }
  return { tokens, mentions: mentions ?? NO_NUMBERS, urls: urls ?? NO_STRINGS };
}

const langKeysOf = keyCache(langKeys);
const authorKeysOf = keyCache(handleKeys);
const EMPTY_TEXT: AnalyzedText = { tokens: new Int32Array(0), mentions: NO_NUMBERS, urls: NO_STRINGS };

/**
 * The analysed form of a post; build it with {@link analyzePost}. Read-only for callers. It stays
 * valid across rotations of the term table: {@link AnalyzedPost.current} analyses it again then.
 */
export class AnalyzedPost implements AnalyzedText {
  readonly input: PostInput;
  tokens: Int32Array = EMPTY_TEXT.tokens;
  mentions: readonly number[] = NO_NUMBERS;
  urls: readonly string[] = NO_STRINGS;
  title: AnalyzedText | null = null;
  /** `de-at` is listed as `de-at` and `de`. */
  readonly langs: readonly string[];
  /** Folded author handle without `@`; `user@instance` also as `user@`. */
  readonly authors: readonly string[];
  readonly source: string | null;
  /** Linked URLs plus the post's own URL, lower-cased. */
  links: readonly string[] = NO_STRINGS;
  /** The term-table generation the ids belong to. */
  generation = -1;
  #sites: readonly string[] | null = null;

  constructor(input: PostInput) {
    this.input = input;
    this.langs = input.lang ? langKeysOf(input.lang) : NO_STRINGS;
    this.authors = input.author ? authorKeysOf(input.author) : NO_STRINGS;
    this.source = input.source ? input.source.trim().toLowerCase() : null;
    this.#analyze();
  }

  /** Every host of a linked or source URL and each of its parent domains (computed on first use). */
  get sites(): readonly string[] {
    return (this.#sites ??= sitesOf(this.links));
  }

  /** This post with ids of the current term-table generation (analysed again after a rotation). */
  current(): this {
    if (this.generation !== terms.generation) this.#analyze();
    return this;
  }

  #analyze(): void {
    const body = analyzeText(this.input.text ?? '');
    this.tokens = body.tokens;
    this.mentions = body.mentions;
    this.urls = body.urls;
    this.title = this.input.title ? analyzeText(this.input.title) : null;
    this.links = this.input.url ? [...body.urls, this.input.url.toLowerCase()] : body.urls;
    this.generation = terms.generation;
  }
}

/**
 * Analyses a post once for matching against any number of queries.
 * @example matches(parseQuery('klimaschutz').ast, analyzePost({ text: 'Mehr #Klimaschutz!' })) === true
 */
export function analyzePost(post: PostInput): AnalyzedPost {
  // Between posts is the only safe moment to drop unused terms (no ids are being read).
  terms.maybeRotate();
  return new AnalyzedPost(post);
}

/** Folded word (or hashtag) at a token position, or null for a mention or URL. */
export function wordAt(text: AnalyzedText, position: number): string | null {
  const t = text.tokens[position]!;
  return t < 0 ? null : terms.term(t >> 1);
}

/** The distinct folded words and hashtags of a text, each once, in order of first occurrence. */
export function distinctWords(text: AnalyzedText): { word: string; hashtagOnly: boolean }[] {
  const seen = new Map<number, { word: string; hashtagOnly: boolean }>();
  for (const t of text.tokens) {
    if (t < 0) continue;
    const entry = seen.get(t >> 1);
    if (entry === undefined) seen.set(t >> 1, { word: terms.term(t >> 1), hashtagOnly: (t & 1) === 1 });
    else if ((t & 1) === 0) entry.hashtagOnly = false;
  }
  return [...seen.values()];
}

/** The distinct folded hashtags of a text, in order of first occurrence. */
export function hashtagsOfText(text: AnalyzedText): string[] {
  const set = new Set<string>();
  for (const t of text.tokens) if (t >= 0 && (t & 1) === 1) set.add(terms.term(t >> 1));
  return [...set];
}
