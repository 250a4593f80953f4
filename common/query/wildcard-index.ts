/**
 * Finds, for a folded token, every registered wildcard pattern that matches it, without testing
 * every pattern: each pattern is filed under one literal fragment (a trigram of its longest
 * literal run, or the whole run if shorter), and a token only tests the patterns filed under
 * its own substrings. Results are cached per token, since word frequencies follow Zipf's law.
 */
import { globMatch, literalRuns } from './wildcard.ts';

interface PatternRecord {
  readonly pattern: string;
  readonly fragment: string;
  refs: number;
  /** Last lookup that tested this pattern, to test each pattern once per token. */
  stamp: number;
}

const NO_PATTERNS: readonly string[] = [];
/** Bound on cached tokens; the cache is dropped when full (cheap and good enough for Zipf). */
const CACHE_LIMIT = 200_000;
const FRAGMENT = 3;

export class WildcardIndex {
  private readonly patterns = new Map<string, PatternRecord>();
  private readonly byFragment = new Map<string, PatternRecord[]>();
  /** Fragment lengths in use (1..3); usually only 3. */
  private readonly lengthRefs = [0, 0, 0, 0];
  private cache = new Map<string, readonly string[]>();
  private stamp = 0;

  /** Number of distinct patterns. */
  get size(): number {
    return this.patterns.size;
  }

  /** Registers a pattern (reference-counted: several queries can share one). */
  add(pattern: string): void {
    const existing = this.patterns.get(pattern);
    if (existing !== undefined) {
      existing.refs++;
      return;
    }
    const runs = literalRuns(pattern);
    let run = runs[0] ?? '';
    for (const r of runs) if (r.length > run.length) run = r;
    const fragment = run.length > FRAGMENT ? run.slice(0, FRAGMENT) : run;
    const record: PatternRecord = { pattern, fragment, refs: 1, stamp: 0 };
    this.patterns.set(pattern, record);
    const list = this.byFragment.get(fragment);
    if (list === undefined) this.byFragment.set(fragment, [record]);
    else list.push(record);
    this.lengthRefs[fragment.length]!++;
    this.cache = new Map();
  }

  /** Drops one reference to a pattern. */
  remove(pattern: string): void {
    const record = this.patterns.get(pattern);
    if (record === undefined || --record.refs > 0) return;
    this.patterns.delete(pattern);
    const list = this.byFragment.get(record.fragment)!;
    list.splice(list.indexOf(record), 1);
    if (list.length === 0) this.byFragment.delete(record.fragment);
    this.lengthRefs[record.fragment.length]!--;
    this.cache = new Map();
  }

  /** The registered patterns that match a folded token. */
  lookup(token: string): readonly string[] {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    const found = this.compute(token);
    if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
    this.cache.set(token, found);
    return found;
  }

  private compute(token: string): readonly string[] {
    const stamp = ++this.stamp;
    let found: string[] | null = null;
    for (let len = 1; len <= FRAGMENT; len++) {
      if (this.lengthRefs[len] === 0) continue;
      for (let i = 0; i + len <= token.length; i++) {
        const list = this.byFragment.get(token.slice(i, i + len));
        if (list === undefined) continue;
        for (const record of list) {
          if (record.stamp === stamp) continue;
          record.stamp = stamp;
          if (globMatch(record.pattern, token)) (found ??= []).push(record.pattern);
        }
      }
    }
    return found ?? NO_PATTERNS;
  }
}
