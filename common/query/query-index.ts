/**
 * Matches one post against thousands of saved queries. Queries are filed under their presearch
 * anchors (query-anchors.ts) by term id; a post collects the queries filed under its own words,
 * hashtags, mentions, metadata and matching wildcard patterns, and only those candidates are
 * evaluated, as compiled programs (compiled-query.ts). Results are identical to calling
 * {@link matches} for every query (property-tested on random queries, checked by the benchmark).
 *
 * Per-query state lives in typed arrays indexed by a slot number and all programs in one Int32
 * pool: at 10,000 queries, memory latency, not arithmetic, is what a candidate costs.
 */
import type { AnalyzedPost } from './analyze.ts';
import type { QueryNode } from './ast.ts';
import { compile, release, run } from './compiled-query.ts';
import { distinct, prepare } from './match-state.ts';
import { queryAnchors, type Anchor } from './query-anchors.ts';
import { terms } from './term-table.ts';
import { wildcards } from './wildcard-index.ts';

type Lists<K> = Map<K, number[]>;

function file<K>(map: Lists<K>, key: K, slot: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [slot]);
  else list.push(slot);
}

function unfile<K>(map: Lists<K>, key: K, slot: number): void {
  const list = map.get(key)!;
  list.splice(list.indexOf(slot), 1);
  if (list.length === 0) map.delete(key);
}

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

const RESET_AT = 1 << 30;

/** Index of saved queries; `Id` is whatever the caller uses to name a query (string, number…). */
export class QueryIndex<Id = string> {
  readonly #slots = new Map<Id, number>();
  readonly #ids: (Id | undefined)[] = [];
  readonly #anchors: (Anchor[] | null)[] = [];
  /** Per slot: term or pattern ids of the anchors (parallel to `#anchors`; -1 for string keys). */
  readonly #anchorIds: number[][] = [];
  readonly #freeSlots: number[] = [];
  /** Per slot: start of its program in the pool, order of addition, last match that collected it. */
  #pc: Int32Array = new Int32Array(64);
  #order: Int32Array = new Int32Array(64);
  #stampOf: Int32Array = new Int32Array(64);
  #pool: Int32Array = new Int32Array(1024);
  #poolUsed = 0;
  #poolGarbage = 0;
  #added = 0;
  #stamp = 0;
  #candidates: Int32Array = new Int32Array(64);
  // Term-keyed anchors (word or hashtag, hashtag only, mention, title word) and pattern-keyed ones.
  readonly #words: Lists<number> = new Map();
  readonly #hashtags: Lists<number> = new Map();
  readonly #mentions: Lists<number> = new Map();
  readonly #titles: Lists<number> = new Map();
  readonly #patterns: Lists<number> = new Map();
  // Metadata anchors keep their string keys: a post has one or two of each.
  readonly #authors: Lists<string> = new Map();
  readonly #langs: Lists<string> = new Map();
  readonly #sources: Lists<string> = new Map();
  readonly #sites: Lists<string> = new Map();
  readonly #always: number[] = [];

  /** Number of queries in the index. */
  get size(): number {
    return this.#slots.size;
  }

  /** Adds a parsed query (from `parseQuery(text).ast`); an existing query with the same id is replaced. */
  add(id: Id, ast: QueryNode): void {
    this.remove(id);
    const program = compile(ast);
    const slot = this.#freeSlots.pop() ?? this.#ids.length;
    if (slot >= this.#pc.length) {
      this.#pc = grown(this.#pc, slot + 1);
      this.#order = grown(this.#order, slot + 1);
      this.#stampOf = grown(this.#stampOf, slot + 1);
    }
    if (this.#poolUsed + program.length > this.#pool.length) this.#compact(program.length);
    this.#pool.set(program, this.#poolUsed);
    this.#pc[slot] = this.#poolUsed;
    this.#poolUsed += program.length;
    this.#order[slot] = this.#added++;
    this.#stampOf[slot] = 0;
    this.#ids[slot] = id;
    this.#slots.set(id, slot);
    const anchors = queryAnchors(ast);
    this.#anchors[slot] = anchors;
    const anchorIds: number[] = [];
    this.#anchorIds[slot] = anchorIds;
    if (anchors === null) this.#always.push(slot);
    else {
      for (const a of anchors) {
        const key = this.#anchorId(a);
        anchorIds.push(key);
        const map = this.#idLists(a);
        if (map !== null) file(map, key, slot);
        else file(this.#keyLists(a)!, a.key, slot);
      }
    }
  }

  /** Removes a query; returns false if the id was not in the index. */
  remove(id: Id): boolean {
    const slot = this.#slots.get(id);
    if (slot === undefined) return false;
    this.#slots.delete(id);
    const anchors = this.#anchors[slot]!;
    if (anchors === null) this.#always.splice(this.#always.indexOf(slot), 1);
    else {
      anchors.forEach((a, i) => {
        const key = this.#anchorIds[slot]![i]!;
        const map = this.#idLists(a);
        if (map !== null) {
          unfile(map, key, slot);
          if (a.kind === 'x') wildcards.remove(a.key);
          else terms.unpin(key);
        } else unfile(this.#keyLists(a)!, a.key, slot);
      });
    }
    const pc = this.#pc[slot]!;
    this.#poolGarbage += this.#pool[pc + 1]!;
    release(this.#pool, pc);
    this.#pc[slot] = -1;
    this.#ids[slot] = undefined;
    this.#anchors[slot] = null;
    this.#anchorIds[slot] = [];
    this.#freeSlots.push(slot);
    return true;
  }

  /** Makes room for `extra` more program ints, dropping the programs of removed queries. */
  #compact(extra: number): void {
    const live = this.#poolUsed - this.#poolGarbage;
    const pool = new Int32Array(Math.max(1024, (live + extra) * 2));
    let used = 0;
    for (const slot of this.#slots.values()) {
      const pc = this.#pc[slot]!;
      const size = this.#pool[pc + 1]!;
      pool.set(this.#pool.subarray(pc, pc + size), used);
      this.#pc[slot] = used;
      used += size;
    }
    this.#pool = pool;
    this.#poolUsed = used;
    this.#poolGarbage = 0;
  }

  /** Registers (pins) the term or pattern of an id-keyed anchor; -1 for string-keyed kinds. */
  #anchorId(a: Anchor): number {
    if (a.kind === 'x') return wildcards.add(a.key);
    if (this.#idLists(a) === null) return -1;
    const id = terms.idOf(a.key);
    terms.pin(id);
    return id;
  }

  #idLists(a: Anchor): Lists<number> | null {
    switch (a.kind) {
      case 'w': return this.#words;
      case 'h': return this.#hashtags;
      case 'm': return this.#mentions;
      case 't': return this.#titles;
      case 'x': return this.#patterns;
      default: return null;
    }
  }

  #keyLists(a: Anchor): Lists<string> | null {
    switch (a.kind) {
      case 'a': return this.#authors;
      case 'l': return this.#langs;
      case 's': return this.#sources;
      case 'd': return this.#sites;
      default: return null;
    }
  }

  /** Adds the not yet collected slots of a list to the candidates; returns the new count. */
  #collect(list: number[] | undefined, stamp: number, count: number): number {
    if (list === undefined) return count;
    const stamps = this.#stampOf;
    for (let i = 0; i < list.length; i++) {
      const slot = list[i]!;
      if (stamps[slot] === stamp) continue;
      stamps[slot] = stamp;
      if (count >= this.#candidates.length) this.#candidates = grown(this.#candidates, count + 1);
      this.#candidates[count++] = slot;
    }
    return count;
  }

  /**
   * The ids of all queries that match the post, in the order the queries were added.
   * @example const index = new QueryIndex(); index.add('q1', parseQuery('klima*').ast);
   *          index.match(analyzePost({ text: 'Klimawandel' })) // ['q1']
   */
  match(input: AnalyzedPost): Id[] {
    const post = input.current();
    prepare(post);
    if (++this.#stamp >= RESET_AT) {
      this.#stampOf.fill(0);
      this.#stamp = 1;
    }
    const stamp = this.#stamp;
    const d = distinct;
    let n = 0;
    if (this.#words.size > 0) {
      for (let i = 0; i < d.wordCount; i++) {
        const id = d.words[i]!;
        // Most words of a post are in no query; the pin count says so without a map lookup.
        if (terms.pins(id) > 0) n = this.#collect(this.#words.get(id), stamp, n);
      }
    }
    if (this.#hashtags.size > 0) for (let i = 0; i < d.tagCount; i++) n = this.#collect(this.#hashtags.get(d.tags[i]!), stamp, n);
    if (this.#mentions.size > 0) {
      const m = post.mentions;
      for (let k = 1; k < m.length; k += 2) n = this.#collect(this.#mentions.get(m[k]!), stamp, n);
    }
    if (this.#patterns.size > 0) for (let i = 0; i < d.patternCount; i++) n = this.#collect(this.#patterns.get(d.patterns[i]!), stamp, n);
    if (this.#authors.size > 0) for (const a of post.authors) n = this.#collect(this.#authors.get(a), stamp, n);
    if (this.#langs.size > 0) for (const l of post.langs) n = this.#collect(this.#langs.get(l), stamp, n);
    if (this.#sources.size > 0 && post.source !== null) n = this.#collect(this.#sources.get(post.source), stamp, n);
    if (this.#sites.size > 0 && post.links.length > 0) for (const s of post.sites) n = this.#collect(this.#sites.get(s), stamp, n);
    if (this.#titles.size > 0 && post.title !== null) {
      for (const t of post.title.tokens) if (t >= 0) n = this.#collect(this.#titles.get(t >> 1), stamp, n);
    }
    n = this.#collect(this.#always, stamp, n);
    if (n === 0) return [];
    const pool = this.#pool;
    const pcs = this.#pc;
    const candidates = this.#candidates;
    let hits: number[] | null = null;
    for (let i = 0; i < n; i++) {
      const slot = candidates[i]!;
      if (run(pool, pcs[slot]!, post)) (hits ??= []).push(slot);
    }
    if (hits === null) return [];
    // By order of addition. A post usually matches a handful of queries, and insertion sort
    // beats Array#sort with a comparator there.
    const order = this.#order;
    if (hits.length > 32) hits.sort((a, b) => order[a]! - order[b]!);
    else for (let i = 1; i < hits.length; i++) {
      const slot = hits[i]!;
      const key = order[slot]!;
      let j = i - 1;
      while (j >= 0 && order[hits[j]!]! > key) {
        hits[j + 1] = hits[j]!;
        j--;
      }
      hits[j + 1] = slot;
    }
    const out: Id[] = new Array(hits.length);
    for (let i = 0; i < hits.length; i++) out[i] = this.#ids[hits[i]!]!;
    return out;
  }
}
