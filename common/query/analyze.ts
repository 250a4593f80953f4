/**
 * Turns a post into the structure the evaluator and the index read. A post is tokenised and
 * folded exactly once, however many queries are then evaluated against it.
 */
import { foldText } from './fold.ts';
import { tokenize } from './tokenizer.ts';

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

/** Tokens of one text (the post body or the title), indexed for lookup. */
export interface AnalyzedText {
  /** Per token position: the folded word (also for hashtags), or null for mentions and URLs. */
  readonly values: readonly (string | null)[];
  /** Folded word → positions, for words and hashtags (plain terms match both). */
  readonly words: ReadonlyMap<string, readonly number[]>;
  /** Folded hashtag (without `#`) → positions. */
  readonly hashtags: ReadonlyMap<string, readonly number[]>;
  /** Folded handle → positions; `user@instance` is also listed as `user@` (any instance). */
  readonly mentions: ReadonlyMap<string, readonly number[]>;
  /** Lower-cased URLs found in the text. */
  readonly urls: readonly string[];
}

/** The analysed form of a post; build it with {@link analyzePost}. */
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

/** Analyses free text: tokenise, fold, and index positions. */
export function analyzeText(text: string): AnalyzedText {
  const tokens = tokenize(text);
  const values: (string | null)[] = new Array(tokens.length);
  const words = new Map<string, number[]>();
  const hashtags = new Map<string, number[]>();
  const mentions = new Map<string, number[]>();
  const urls: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      values[i] = t.value;
      push(words, t.value, i);
    } else if (t.kind === 'hashtag') {
      values[i] = t.value;
      push(words, t.value, i);
      push(hashtags, t.value, i);
    } else {
      values[i] = null;
      if (t.kind === 'mention') {
        push(mentions, t.value, i);
        const at = t.value.indexOf('@');
        if (at > 0) push(mentions, t.value.slice(0, at + 1), i);
      } else {
        urls.push(t.value);
      }
    }
  }
  return { values, words, hashtags, mentions, urls };
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
  let rest = url.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  rest = rest.split(/[/?#]/, 1)[0] ?? '';
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  return rest.replace(/:\d*$/, '').replace(/\.$/, '');
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

/**
 * Analyses a post once for matching against any number of queries.
 * @example matches(parseQuery('klimaschutz').ast, analyzePost({ text: 'Mehr #Klimaschutz!' })) === true
 */
export function analyzePost(post: PostInput): AnalyzedPost {
  const body = analyzeText(post.text ?? '');
  const title = post.title ? analyzeText(post.title) : null;
  const links = post.url ? [...body.urls, post.url.toLowerCase()] : body.urls;
  let sites: string[] = [];
  if (links.length > 0) {
    const set = new Set<string>();
    for (const link of links) for (const s of domainSuffixes(hostOf(link))) set.add(s);
    sites = [...set];
  }
  return {
    ...body,
    title,
    langs: post.lang ? langKeys(post.lang) : [],
    authors: post.author ? handleKeys(post.author) : [],
    source: post.source ? post.source.trim().toLowerCase() : null,
    sites,
    links,
    wildcardMemo: new Map(),
  };
}
