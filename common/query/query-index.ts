/**
 * Matches one post against thousands of saved queries. Queries are filed under their presearch
 * anchors (query-anchors.ts); a post collects the queries filed under its own words, hashtags,
 * mentions, metadata and matching wildcard patterns, and only those are evaluated exactly.
 * Results are identical to calling {@link matches} for every query (tested on random input).
 */
import type { AnalyzedPost, AnalyzedText } from './analyze.ts';
import type { QueryNode } from './ast.ts';
import { evaluate, scanWildcard } from './evaluate.ts';
import { queryAnchors, wildcardPatterns, type Anchor, type AnchorKind } from './query-anchors.ts';
import { WildcardIndex } from './wildcard-index.ts';

interface Entry<Id> {
  readonly id: Id;
  readonly ast: QueryNode;
  readonly seq: number;
  readonly anchors: Anchor[] | null;
  readonly patterns: Set<string>;
  /** The last match call that collected this entry, to collect each entry once. */
  stamp: number;
}

const NONE: readonly number[] = [];

/** Index of saved queries; `Id` is whatever the caller uses to name a query (string, number…). */
export class QueryIndex<Id = string> {
  private readonly entries = new Map<Id, Entry<Id>>();
  private readonly keys = new Map<AnchorKind, Map<string, Entry<Id>[]>>();
  private readonly always: Entry<Id>[] = [];
  private readonly wildcards = new WildcardIndex();
  private seq = 0;
  private stamp = 0;

  constructor() {
    for (const kind of ['w', 'h', 'm', 'a', 'l', 's', 'd', 't', 'x'] as const) this.keys.set(kind, new Map());
  }

  /** Number of queries in the index. */
  get size(): number {
    return this.entries.size;
  }

  /** Adds a parsed query (from `parseQuery(text).ast`); an existing query with the same id is replaced. */
  add(id: Id, ast: QueryNode): void {
    this.remove(id);
    const entry: Entry<Id> = { id, ast, seq: this.seq++, anchors: queryAnchors(ast), patterns: wildcardPatterns(ast), stamp: 0 };
    this.entries.set(id, entry);
    if (entry.anchors === null) this.always.push(entry);
    else for (const a of entry.anchors) this.file(a).push(entry);
    for (const p of entry.patterns) this.wildcards.add(p);
  }

  /** Removes a query; returns false if the id was not in the index. */
  remove(id: Id): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    if (entry.anchors === null) this.always.splice(this.always.indexOf(entry), 1);
    else {
      for (const a of entry.anchors) {
        const map = this.keys.get(a.kind)!;
        const list = map.get(a.key)!;
        list.splice(list.indexOf(entry), 1);
        if (list.length === 0) map.delete(a.key);
      }
    }
    for (const p of entry.patterns) this.wildcards.remove(p);
    return true;
  }

  private file(a: Anchor): Entry<Id>[] {
    const map = this.keys.get(a.kind)!;
    let list = map.get(a.key);
    if (list === undefined) {
      list = [];
      map.set(a.key, list);
    }
    return list;
  }

  /**
   * The ids of all queries that match the post, in the order the queries were added.
   * @example const index = new QueryIndex(); index.add('q1', parseQuery('klima*').ast);
   *          index.match(analyzePost({ text: 'Klimawandel' })) // ['q1']
   */
  match(post: AnalyzedPost): Id[] {
    const stamp = ++this.stamp;
    const candidates: Entry<Id>[] = [];
    const collect = (map: Map<string, Entry<Id>[]>, key: string): void => {
      const list = map.get(key);
      if (list === undefined) return;
      for (const e of list) {
        if (e.stamp !== stamp) {
          e.stamp = stamp;
          candidates.push(e);
        }
      }
    };
    const k = this.keys;
    const words = k.get('w')!;
    if (words.size > 0) for (const w of post.heads.keys()) collect(words, w);
    const hashtags = k.get('h')!;
    if (hashtags.size > 0) {
      for (let p = 0; p < post.values.length; p++) if (post.isHashtag[p] === 1) collect(hashtags, post.values[p]!);
    }
    const mentions = k.get('m')!;
    if (mentions.size > 0) for (const m of post.mentions.keys()) collect(mentions, m);
    for (const a of post.authors) collect(k.get('a')!, a);
    for (const l of post.langs) collect(k.get('l')!, l);
    if (post.source !== null) collect(k.get('s')!, post.source);
    for (const d of post.sites) collect(k.get('d')!, d);
    const titles = k.get('t')!;
    if (post.title !== null && titles.size > 0) for (const t of post.title.heads.keys()) collect(titles, t);
    if (this.wildcards.size > 0) {
      const patterns = k.get('x')!;
      for (const p of this.resolveWildcards(post)) collect(patterns, p);
    }
    for (const e of this.always) {
      if (e.stamp !== stamp) {
        e.stamp = stamp;
        candidates.push(e);
      }
    }
    if (candidates.length === 0) return [];
    // Every body wildcard of every query is in the memo now; a pattern missing there matched nothing.
    const resolve = (pattern: string, text: AnalyzedText): readonly number[] =>
      text === post ? NONE : scanWildcard(pattern, text);
    const hits: Entry<Id>[] = [];
    for (const e of candidates) if (evaluate(e.ast, post, resolve)) hits.push(e);
    if (hits.length > 1) hits.sort((a, b) => a.seq - b.seq);
    return hits.map((e) => e.id);
  }

  /** Fills the post's wildcard memo for every registered pattern that matches; returns those patterns. */
  private resolveWildcards(post: AnalyzedPost): Iterable<string> {
    let found: Map<string, number[]> | null = null;
    for (const [word, head] of post.heads) {
      const patterns = this.wildcards.lookup(word);
      for (let i = 0; i < patterns.length; i++) {
        const pattern = patterns[i]!;
        found ??= new Map();
        let positions = found.get(pattern);
        if (positions === undefined) found.set(pattern, (positions = []));
        for (let p = head; p >= 0; p = post.next[p]!) positions.push(p);
      }
    }
    if (found === null) return [];
    for (const [p, positions] of found) post.wildcardMemo.set(p, positions);
    return found.keys();
  }
}
