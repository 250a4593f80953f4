/**
 * Turns a post into the structure the evaluator and the index read. A post is tokenised and
 * folded exactly once, however many queries are then evaluated against it.
 */
import { foldText } from './fold.ts';
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

/**
 * Tokens of one text (the post body or the title), indexed for lookup. Positions of equal
 * words are chained (`heads` → `next` → …) instead of kept in one array per word: analysis runs
 * for every post of a stream, and this needs one Map and three small arrays per text. (Plain
 * arrays: allocating typed arrays per post measured slower in V8.)
 */
export interface AnalyzedText {
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
  /** Lower-cased URLs found in the text. */
  readonly urls: readonly string[];
}

const NO_MENTIONS: ReadonlyMap<string, readonly number[]> = new Map();

/** Positions of a folded word (word or hashtag tokens), in text order. */
export function wordPositions(text: AnalyzedText, word: string): number[] {
  const out: number[] = [];
  for (let p = text.heads.get(word) ?? -1; p >= 0; p = text.next[p]!) out.push(p);
  return out;
}

/** Positions of a folded hashtag. */
export function hashtagPositions(text: AnalyzedText, tag: string): number[] {
  const out: number[] = [];
  for (let p = text.heads.get(tag) ?? -1; p >= 0; p = text.next[p]!) if (text.isHashtag[p] === 1) out.push(p);
  return out;
}

/** The analysed form of a post; build it with {@link analyzePost}. Treat as opaque and read-only. */
export interface AnalyzedPost extends AnalyzedText {
  readonly title: AnalyzedText | null;
  /** `de-at` is listed as `de-at` and `de`. */
  readonly langs: readonly string[];
  /** Folded author handle without `@`; `user@instance` also as `user@`. */
  readonly authors: readonly string[];
  readonly source: string | null;
  /** Every host of a linked or source URL and each of its parent domains. */
  readonly sites: readonly string[];
  /** Linked URLs plus the post's own URL, lower-cased. */
  readonly links: readonly string[];
  /** Memo of wildcard pattern → positions, filled lazily by the evaluator and the index. */
  readonly wildcardMemo: Map<string, readonly number[]>;
}

function push(map: Map<string, number[]>, key: string, pos: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [pos]);
  else list.push(pos);
}

/** Scratch space of analyzeText: last position of each word chain (reused, grows as needed). */
let tails = new Int32Array(256);

/** Analyses free text: tokenise, fold, and index positions. */
export function analyzeText(text: string): AnalyzedText {
  const b = scanTokens(text);
  const n = b.count;
  const values: (string | null)[] = [];
  const isHashtag: number[] = [];
  const next: number[] = [];
  if (tails.length < n) tails = new Int32Array(n * 2);
  const heads = new Map<string, number>();
  let mentions: Map<string, number[]> | null = null;
  let urls: string[] | null = null;
  for (let i = 0; i < n; i++) {
    const kind = b.kinds[i]!;
    const value = b.values[i]!;
    next.push(-1);
    if (kind === WORD || kind === HASHTAG) {
      values.push(value);
      isHashtag.push(kind === HASHTAG ? 1 : 0);
      const head = heads.get(value);
      if (head === undefined) {
        heads.set(value, i);
        tails[i] = i;
      } else {
        next[tails[head]!] = i;
        tails[head] = i;
      }
    } else {
      values.push(null);
      isHashtag.push(0);
      if (kind === MENTION) {
        mentions ??= new Map();
        push(mentions, value, i);
        const at = value.indexOf('@');
        if (at > 0) push(mentions, value.slice(0, at + 1), i);
      } else {
        (urls ??= []).push(value);
      }
    }
  }
  return { values, isHashtag, heads, next, mentions: mentions ?? NO_MENTIONS, urls: urls ?? [] };
}

/** `user@instance` → [`user@instance`, `user@`]; a leading `@` is dropped. */
export function handleKeys(handle: string): string[] {
  const h = foldText(handle.trim().replace(/^[@\uff20]/, ''));
  if (h === '') return [];
  const at = h.indexOf('@');
  return at > 0 ? [h, h.slice(0, at + 1)] : [h];
}

/** The host of a URL (with or without scheme), lower-case, without port and user info. */
export function hostOf(url: string): string {
  const scheme = url.indexOf('://');
  let start = scheme >= 0 && /^[a-z][a-z0-9+.-]*$/i.test(url.slice(0, scheme)) ? scheme + 3 : 0;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break; // / ? #
    end++;
  }
  const at = url.lastIndexOf('@', end - 1);
  if (at >= start) start = at + 1;
  let host = url.slice(start, end).toLowerCase();
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && /^\d*$/.test(host.slice(colon + 1))) host = host.slice(0, colon);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** `a.b.example.org` → [`a.b.example.org`, `b.example.org`, `example.org`, `org`]. */
export function domainSuffixes(host: string): string[] {
  const out: string[] = [];
  let h = host;
  while (h !== '') {
    out.push(h);
    const dot = h.indexOf('.');
    if (dot < 0) break;
    h = h.slice(dot + 1);
  }
  return out;
}

/** `de-AT` → [`de-at`, `de`]. */
export function langKeys(lang: string): string[] {
  const l = lang.trim().toLowerCase().replace(/_/g, '-');
  if (l === '') return [];
  const dash = l.indexOf('-');
  return dash > 0 ? [l, l.slice(0, dash)] : [l];
}

// Languages, authors and sources repeat across a stream; their keys are computed once.
const KEY_CACHE_LIMIT = 20_000;
const langCache = new Map<string, string[]>();
const authorCache = new Map<string, string[]>();

function cached(cache: Map<string, string[]>, key: string, compute: (k: string) => string[]): string[] {
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = compute(key);
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/**
 * Analyses a post once for matching against any number of queries.
 * @example matches(parseQuery('klimaschutz').ast, analyzePost({ text: 'Mehr #Klimaschutz!' })) === true
 */
export function analyzePost(post: PostInput): AnalyzedPost {
  const body = analyzeText(post.text ?? '');
  const links = post.url ? [...body.urls, post.url.toLowerCase()] : body.urls;
  let sites: string[] = [];
  if (links.length === 1) sites = domainSuffixes(hostOf(links[0]!));
  else if (links.length > 1) {
    const set = new Set<string>();
    for (const link of links) for (const s of domainSuffixes(hostOf(link))) set.add(s);
    sites = [...set];
  }
  return {
    values: body.values,
    isHashtag: body.isHashtag,
    heads: body.heads,
    next: body.next,
    mentions: body.mentions,
    urls: body.urls,
    title: post.title ? analyzeText(post.title) : null,
    langs: post.lang ? cached(langCache, post.lang, langKeys) : [],
    authors: post.author ? cached(authorCache, post.author, handleKeys) : [],
    source: post.source ? post.source.trim().toLowerCase() : null,
    sites,
    links,
    wildcardMemo: new Map(),
  };
}
