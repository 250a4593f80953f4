/**
 * Finds, for a post word, every registered wildcard pattern that matches it, without testing
 * every pattern: each pattern is filed under one literal fragment (a trigram of its longest
 * literal run, or the whole run if shorter), and a word only tests the patterns filed under its
 * own substrings. The answer is cached per term id, since word frequencies follow Zipf's law.
 *
 * One registry serves every query index of the process (patterns are reference-counted and get
 * small integer ids), so a word is tested once however many workspaces watch wildcards.
 */
import { terms } from './term-table.ts';
import { globMatch, literalRuns } from './wildcard.ts';

interface PatternRecord {
  readonly pattern: string;
  readonly pid: number;
  readonly fragment: string;
  refs: number;
  /** Last computation that tested this pattern, to test each pattern once per word. */
  stamp: number;
}

const NO_PATTERNS: readonly number[] = [];
const FRAGMENT = 3;

class WildcardRegistry {
  readonly #patterns = new Map<string, PatternRecord>();
  readonly #byFragment = new Map<string, PatternRecord[]>();
  /** Fragment lengths in use (1..3); usually only 3. */
  readonly #lengthRefs = [0, 0, 0, 0];
  readonly #freePids: number[] = [];
  readonly #byPid: (PatternRecord | undefined)[] = [];
  #nextPid = 0;
  #stamp = 0;
  /** Per term id: the matching pattern ids, valid while `#cacheVersion[id]` equals `#version`. */
  #cache: (readonly number[] | undefined)[] = [];
  #cacheVersion: Int32Array = new Int32Array(1024);
  /** Bumped whenever the pattern set changes or the term table rotates. */
  #version = 1;
  #generation = terms.generation;

  /** Number of distinct patterns. */
  get size(): number {
    return this.#patterns.size;
  }

  /** One past the largest pattern id in use (size for arrays indexed by pattern id). */
  get pidLimit(): number {
    return this.#nextPid;
  }

  /** Registers a pattern (reference-counted: several queries can share one); returns its id. */
  add(pattern: string): number {
    const existing = this.#patterns.get(pattern);
    if (existing !== undefined) {
      existing.refs++;
      return existing.pid;
    }
    const runs = literalRuns(pattern);
    let run = runs[0] ?? '';
    for (const r of runs) if (r.length > run.length) run = r;
    const fragment = run.length > FRAGMENT ? run.slice(0, FRAGMENT) : run;
    const pid = this.#freePids.pop() ?? this.#nextPid++;
    const record: PatternRecord = { pattern, pid, fragment, refs: 1, stamp: 0 };
    this.#patterns.set(pattern, record);
    this.#byPid[pid] = record;
    const list = this.#byFragment.get(fragment);
    if (list === undefined) this.#byFragment.set(fragment, [record]);
    else list.push(record);
    this.#lengthRefs[fragment.length]!++;
    this.#version++;
    return pid;
  }

  /** Drops one reference to a pattern. */
  remove(pattern: string): void {
    const record = this.#patterns.get(pattern);
    if (record === undefined || --record.refs > 0) return;
    this.#patterns.delete(pattern);
    const list = this.#byFragment.get(record.fragment)!;
    list.splice(list.indexOf(record), 1);
    if (list.length === 0) this.#byFragment.delete(record.fragment);
    this.#lengthRefs[record.fragment.length]!--;
    this.#freePids.push(record.pid);
    this.#byPid[record.pid] = undefined;
    this.#version++;
  }

  /** The pattern registered under an id. */
  patternOf(pid: number): string {
    return this.#byPid[pid]!.pattern;
  }

  /** The ids of the registered patterns that match the term with this id. */
  lookup(id: number): readonly number[] {
    if (this.#generation !== terms.generation) {
      // Ids were reused for other terms: every cached answer is void.
      this.#generation = terms.generation;
      this.#version++;
    }
    if (id < this.#cacheVersion.length && this.#cacheVersion[id] === this.#version) return this.#cache[id]!;
    const found = this.#compute(terms.term(id));
    if (id >= this.#cacheVersion.length) {
      const grown = new Int32Array(Math.max(id + 1, this.#cacheVersion.length * 2));
      grown.set(this.#cacheVersion);
      this.#cacheVersion = grown;
    }
    this.#cache[id] = found;
    this.#cacheVersion[id] = this.#version;
    return found;
  }

  /** True if the pattern with this id matches the term with this id. */
  has(pid: number, id: number): boolean {
    const list = this.lookup(id);
    for (let i = 0; i < list.length; i++) if (list[i] === pid) return true;
    return false;
  }

  #compute(token: string): readonly number[] {
    if (this.#patterns.size === 0) return NO_PATTERNS;
    const stamp = ++this.#stamp;
    let found: number[] | null = null;
    for (let len = 1; len <= FRAGMENT; len++) {
      if (this.#lengthRefs[len] === 0) continue;
      for (let i = 0; i + len <= token.length; i++) {
        const list = this.#byFragment.get(token.slice(i, i + len));
        if (list === undefined) continue;
        for (const record of list) {
          if (record.stamp === stamp) continue;
          record.stamp = stamp;
          if (globMatch(record.pattern, token)) (found ??= []).push(record.pid);
        }
      }
    }
    return found ?? NO_PATTERNS;
  }
}

/** The process-wide wildcard registry. */
export const wildcards = new WildcardRegistry();
