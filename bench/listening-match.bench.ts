/**
 * Benchmark of the listening matcher (`npm run bench:listening`): ≥ 30,000 short posts against
 * 100, 1,000 and 10,000 generated queries that use every operator, on one core (the main thread).
 * Posts come from ../shared/data/sentiment (never copied into the repo) expanded with synthetic
 * variations; without that folder, fully synthetic text is used. Prints a table and one line per
 * query count: BENCH listening.match {"queries":…,"posts":…,"posts_per_s":…,"rss_mb":…,"equal_to_naive":…}
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyzePost, matches, parseQuery, QueryIndex, tokenize, type PostInput, type QueryNode } from '../common/query/index.ts';

const POSTS = 40_000;
// BENCH_QUERIES=1000,10000 limits the run while developing; the npm script runs all three.
const QUERY_COUNTS = process.env.BENCH_QUERIES ? process.env.BENCH_QUERIES.split(',').map(Number) : [100, 1_000, 10_000];
const DATA = new URL('../../shared/data/sentiment/', import.meta.url);

/** Deterministic PRNG (mulberry32) so that runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function loadTexts(): { texts: { text: string; lang: string }[]; real: boolean } {
  const texts: { text: string; lang: string }[] = [];
  if (existsSync(DATA)) {
    for (const lang of readdirSync(DATA)) {
      for (const file of readdirSync(new URL(`${lang}/`, DATA)).filter((f) => f.endsWith('_text.txt'))) {
        const raw = readFileSync(new URL(`${lang}/${file}`, DATA), 'utf8');
        for (const line of raw.split('\n')) {
          const text = line.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).trim();
          if (text !== '') texts.push({ text, lang });
        }
      }
    }
  }
  if (texts.length > 0) return { texts, real: true };
  const syllables = ['klima', 'schutz', 'bund', 'es', 'regierung', 'gesetz', 'straße', 'müller', 'wahl', 'energie', 'preis', 'bahn', 'stadt', 'rat', 'news', 'vote', 'city'];
  const word = (): string => pick(syllables) + (rand() < 0.5 ? pick(syllables) : '');
  for (let i = 0; i < 4_000; i++) {
    texts.push({ text: Array.from({ length: 6 + Math.floor(rand() * 14) }, word).join(' '), lang: rand() < 0.5 ? 'de' : 'en' });
  }
  return { texts, real: false };
}

const SOURCES = ['bluesky', 'mastodon', 'rss', 'import'];
// Pools as large as in a real stream, so that an `author:` or `site:` query matches a realistic share.
const DOMAINS = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? `www.site${i}.de` : i % 3 === 1 ? `news.portal${i}.org` : `blog${i}.example.com`));
const HANDLES = Array.from({ length: 5_000 }, (_, i) => (i % 2 === 0 ? `user${i}.bsky.social` : `user${i}@social${i % 40}.example`));

function buildCorpus(texts: { text: string; lang: string }[]): { posts: PostInput[]; words: string[]; bigrams: string[]; hashtags: string[] } {
  const freq = new Map<string, number>();
  const bigramSet = new Set<string>();
  const tagSet = new Set<string>();
  for (const { text } of texts) {
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'hashtag') tagSet.add(t.value);
      if (t.kind !== 'word' || !/^\p{L}{3,}$/u.test(t.value)) continue;
      freq.set(t.value, (freq.get(t.value) ?? 0) + 1);
      const next = tokens[i + 1];
      if (next?.kind === 'word' && /^\p{L}{3,}$/u.test(next.value) && rand() < 0.05) bigramSet.add(`${t.value} ${next.value}`);
    }
  }
  // Listening queries name brands, people and topics, not stop words: skip the most frequent words.
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const words = ranked.slice(80, 6_000);
  const posts: PostInput[] = [];
  for (let i = 0; i < POSTS; i++) {
    const base = texts[i % texts.length]!;
    let text = base.text;
    if (i >= texts.length) {
      // Synthetic variation: swap in corpus words, add hashtags, mentions and links.
      const parts = text.split(' ');
      for (let k = 0; k < 2; k++) parts[Math.floor(rand() * parts.length)] = pick(words);
      if (rand() < 0.3) parts.push(`#${pick(words)}`);
      if (rand() < 0.2) parts.unshift(`@${pick(HANDLES)}`);
      if (rand() < 0.2) parts.push(`https://${pick(DOMAINS)}/${pick(words)}`);
      text = parts.join(' ');
    }
    const source = pick(SOURCES);
    posts.push({
      text,
      lang: base.lang,
      source,
      author: pick(HANDLES),
      url: rand() < 0.5 ? `https://${pick(DOMAINS)}/p/${i}` : undefined,
      title: source === 'rss' ? `${pick(words)} ${pick(words)} ${pick(words)}` : undefined,
    });
  }
  return { posts, words, bigrams: [...bigramSet], hashtags: [...tagSet] };
}

function generateQueries(count: number, c: { words: string[]; bigrams: string[]; hashtags: string[] }): QueryNode[] {
  const w = (): string => pick(c.words);
  const long = (): string => {
    for (;;) {
      const x = w();
      if (x.length >= 6) return x;
    }
  };
  const phrase = (): string => `"${pick(c.bigrams)}"`;
  const tag = (): string => `#${c.hashtags.length > 0 ? pick(c.hashtags) : w()}`;
  const templates: (() => string)[] = [
    () => `${w()} OR ${w()} OR ${w()}`,
    () => `${w()} AND (${w()} OR ${w()}) -${w()}`,
    () => phrase(),
    () => `${long().slice(0, 5)}* NEAR/3 ${w()}`,
    () => `${w()} ONEAR/2 ${phrase()}`,
    () => `${tag()} OR @${pick(HANDLES)}`,
    () => `(${w()} OR ${w()}) lang:${pick(['de', 'en'])} NOT source:rss`,
    () => `site:${pick(DOMAINS)} ${w()}`,
    () => `author:${pick(HANDLES)} OR title:${w()}`,
    () => `url:${w()} ${w()}`,
    () => `*${long().slice(-5)} AND ${w()}`,
    () => {
      const x = long();
      return `${x.slice(0, 2)}?${x.slice(3)}`;
    },
    () => `(${w()} OR ${long().slice(0, 4)}*) NEAR/5 (${w()} OR ${tag()})`,
  ];
  const out: QueryNode[] = [];
  while (out.length < count) {
    const r = parseQuery(templates[out.length % templates.length]!());
    if (r.ok) out.push(r.ast);
  }
  return out;
}

/**
 * CPU seconds of this process while running fn. The machine is shared, so wall time measures
 * the neighbours as much as the matcher; CPU time is the single-core cost (conservatively: it
 * includes V8's concurrent GC threads).
 */
function cpuSeconds(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

function measureTokenizers(posts: PostInput[]): { scanner: number; segmenter: number; analyze: number } {
  const seg = new Intl.Segmenter('de', { granularity: 'word' });
  const sample = posts.slice(0, 20_000);
  const scanner = sample.length / cpuSeconds(() => {
    for (const p of sample) tokenize(p.text);
  });
  const segmenter = sample.length / cpuSeconds(() => {
    for (const p of sample) for (const s of seg.segment(p.text)) if (s.isWordLike) s.segment.toLowerCase();
  });
  const analyze = sample.length / cpuSeconds(() => {
    for (const p of sample) analyzePost(p);
  });
  return { scanner, segmenter, analyze };
}

const PASSES = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function load(): string {
  return loadavg().map((l) => l.toFixed(1)).join(' ');
}

function run(): void {
  const { texts, real } = loadTexts();
  const corpus = buildCorpus(texts);
  const { posts } = corpus;
  console.log(`corpus: ${posts.length} posts (${real ? `${texts.length} real texts from ../shared/data/sentiment + synthetic variations` : 'synthetic'})`);
  console.log(`machine: ${availableParallelism()} cores, load average ${load()} (1/5/15 min) at start`);
  const tok = measureTokenizers(posts);
  console.log(`tokenizer: scanner ${Math.round(tok.scanner)} posts/s, Intl.Segmenter ${Math.round(tok.segmenter)} posts/s; analyzePost ${Math.round(tok.analyze)} posts/s (CPU time)`);
  const rows: Record<string, string | number | boolean>[] = [];
  const lines: string[] = [];
  for (const count of QUERY_COUNTS) {
    const queries = generateQueries(count, corpus);
    const index = new QueryIndex<number>();
    queries.forEach((q, i) => index.add(i, q));
    // Warm-up so that the JIT and the wildcard cache reach a steady state, as in a running stream.
    for (let i = 0; i < 5_000; i++) index.match(analyzePost(posts[i]!));
    // Each pass analyses and matches every post; the median pass is reported (CPU time of the
    // process, so neighbours on a shared machine do not count; wall time is shown beside it).
    const cpu: number[] = [];
    const wall: number[] = [];
    let matched = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      matched = 0;
      const start = performance.now();
      cpu.push(posts.length / cpuSeconds(() => {
        for (const p of posts) matched += index.match(analyzePost(p)).length;
      }));
      wall.push(posts.length / ((performance.now() - start) / 1000));
    }
    const rssMb = Math.round(process.memoryUsage().rss / 1048576);
    // The naive evaluator costs queries × posts; a sample keeps the check to a few seconds.
    const sampleSize = Math.min(4_000, Math.floor(5_000_000 / count));
    let equal = true;
    for (let i = 0; i < sampleSize; i++) {
      const p = posts[Math.floor((i * posts.length) / sampleSize)]!;
      const analysed = analyzePost(p);
      const expected = queries.flatMap((q, id) => (matches(q, analysed) ? [id] : []));
      const got = index.match(analyzePost(p));
      if (expected.length !== got.length || expected.some((id, k) => got[k] !== id)) equal = false;
    }
    const postsPerS = Math.round(median(cpu));
    rows.push({
      queries: count, posts: posts.length, 'posts/s (CPU, median)': postsPerS, 'CPU min–max': `${Math.round(Math.min(...cpu))}–${Math.round(Math.max(...cpu))}`,
      'posts/s (wall)': Math.round(median(wall)), 'matches/post': +(matched / posts.length).toFixed(2), 'rss MB': rssMb, 'naive sample': sampleSize, equal,
    });
    lines.push(`BENCH listening.match ${JSON.stringify({ queries: count, posts: posts.length, posts_per_s: postsPerS, rss_mb: rssMb, equal_to_naive: equal })}`);
  }
  console.table(rows);
  console.log(`load average ${load()} at the end; ${PASSES} passes per query count`);
  for (const line of lines) console.log(line);
}

run();
