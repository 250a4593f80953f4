/**
 * Queries compiled for the indexed matcher into a flat Int32 program: every term, field value and
 * title pattern becomes a pinned term id, every body wildcard a registered pattern id, and
 * evaluation reads the stamps that match-state.ts set for the current post. A flat program keeps
 * a candidate's whole query in one or two cache lines — with thousands of queries, chasing
 * node objects through the heap cost more than the comparisons. Same semantics as the reference
 * evaluator (evaluate.ts); the property test and the benchmark compare the two on random queries.
 *
 * Node layout: [op, size, ...payload]; `size` is the node's length, so the next sibling is at
 * pc + size and programs can be moved by copying.
 */
import type { AnalyzedPost, AnalyzedText } from './analyze.ts';
import type { FieldNode, QueryNode } from './ast.ts';
import { headPos, mentionSeq, nextPos, patternSeq, seq, tagSeq, titleSeq, wordSeq } from './match-state.ts';
import { terms } from './term-table.ts';
import { wildcards } from './wildcard-index.ts';
import { globMatch } from './wildcard.ts';

// Payloads: TERM/HASHTAG/TITLE_TERM id · WILDCARD pid · MENTION id anyId(-1) · PHRASE/TITLE_PHRASE
// ids… · FIELD code ids… · TITLE_WILDCARD patternTermId · NOT child · AND/OR children… ·
// NEAR distance ordered left right.
const TERM = 1, PHRASE = 2, WILDCARD = 3, HASHTAG = 4, MENTION = 5, FIELD = 6, TITLE_TERM = 7, TITLE_PHRASE = 8,
  TITLE_WILDCARD = 9, NOT = 10, AND = 11, OR = 12, NEAR = 13;
const LANG = 0, SOURCE = 1, SITE = 2, AUTHOR = 3, URL = 4;
const FIELD_CODES: Record<FieldNode['field'], number> = { lang: LANG, source: SOURCE, site: SITE, author: AUTHOR, url: URL };

function pinned(term: string): number {
  const id = terms.idOf(term);
  terms.pin(id);
  return id;
}

/** Rough cost of evaluating a node, so that cheap conjuncts are tested first. */
function cost(ast: QueryNode): number {
  switch (ast.type) {
    case 'phrase': case 'title': return 3;
    case 'field': return ast.field === 'url' ? 4 : 2;
    case 'not': return cost(ast.child) + 1;
    case 'and': case 'or': return ast.children.reduce((s, c) => s + cost(c), 1);
    case 'near': return 10;
    default: return 1;
  }
}

function leaf(op: number, payload: number[]): number[] {
  return [op, payload.length + 2, ...payload];
}

function emit(ast: QueryNode): number[] {
  switch (ast.type) {
    case 'term':
      return leaf(TERM, [pinned(ast.value)]);
    case 'phrase':
      return leaf(PHRASE, ast.words.map(pinned));
    case 'wildcard':
      return leaf(WILDCARD, [wildcards.add(ast.pattern)]);
    case 'hashtag':
      return leaf(HASHTAG, [pinned(ast.value)]);
    case 'mention':
      // A bare `@user` also means that user on any instance (`user@` is listed for `user@host`).
      return leaf(MENTION, [pinned(ast.handle), ast.handle.includes('@') ? -1 : pinned(`${ast.handle}@`)]);
    case 'field':
      return leaf(FIELD, [FIELD_CODES[ast.field], ...ast.values.map(pinned)]);
    case 'title': {
      const o = ast.operand;
      if (o.type === 'term') return leaf(TITLE_TERM, [pinned(o.value)]);
      if (o.type === 'phrase') return leaf(TITLE_PHRASE, o.words.map(pinned));
      return leaf(TITLE_WILDCARD, [pinned(o.pattern)]);
    }
    case 'not': {
      const child = emit(ast.child);
      return [NOT, child.length + 2, ...child];
    }
    case 'and': case 'or': {
      // Evaluation is pure, so conjuncts and disjuncts may run in any order: cheapest first.
      const body = [...ast.children].sort((a, b) => cost(a) - cost(b)).flatMap(emit);
      return [ast.type === 'and' ? AND : OR, body.length + 2, ...body];
    }
    case 'near': {
      const body = [...emit(ast.left), ...emit(ast.right)];
      return [NEAR, body.length + 4, ast.distance, ast.ordered ? 1 : 0, ...body];
    }
  }
}

/** Compiles a query; the terms and patterns it uses stay registered until {@link release}. */
export function compile(ast: QueryNode): Int32Array {
  return Int32Array.from(emit(ast));
}

/** Unregisters the terms and patterns of the program at `pc`. */
export function release(c: Int32Array, pc: number): void {
  const end = pc + c[pc + 1]!;
  switch (c[pc]) {
    case WILDCARD:
      wildcards.remove(wildcards.patternOf(c[pc + 2]!));
      return;
    case MENTION:
      terms.unpin(c[pc + 2]!);
      if (c[pc + 3]! >= 0) terms.unpin(c[pc + 3]!);
      return;
    case FIELD:
      for (let q = pc + 3; q < end; q++) terms.unpin(c[q]!);
      return;
    case TERM: case HASHTAG: case TITLE_TERM: case TITLE_WILDCARD: case PHRASE: case TITLE_PHRASE:
      for (let q = pc + 2; q < end; q++) terms.unpin(c[q]!);
      return;
    case NEAR:
      for (let q = pc + 4; q < end; q += c[q + 1]!) release(c, q);
      return;
    default:
      for (let q = pc + 2; q < end; q += c[q + 1]!) release(c, q);
  }
}

/** True if the phrase whose ids are c[from, to) starts at position p. */
function phraseAt(tokens: Int32Array, p: number, c: Int32Array, from: number, to: number): boolean {
  if (p + (to - from) > tokens.length) return false;
  // A mention or URL (-1) shifts to -1 and never equals a term id.
  for (let k = 1; k < to - from; k++) if (tokens[p + k]! >> 1 !== c[from + k]) return false;
  return true;
}

function titlePhrase(title: AnalyzedText, c: Int32Array, from: number, to: number): boolean {
  const first = c[from]!;
  if (titleSeq[first] !== seq) return false;
  const tokens = title.tokens;
  for (let p = 0; p < tokens.length; p++) if (tokens[p]! >= 0 && tokens[p]! >> 1 === first && phraseAt(tokens, p, c, from, to)) return true;
  return false;
}

function titleWildcard(title: AnalyzedText, pattern: string): boolean {
  for (const t of title.tokens) if (t >= 0 && globMatch(pattern, terms.term(t >> 1))) return true;
  return false;
}

function hasHandle(keys: readonly string[], handle: string): boolean {
  return keys.includes(handle) || (!handle.includes('@') && keys.includes(`${handle}@`));
}

function field(c: Int32Array, from: number, to: number, post: AnalyzedPost): boolean {
  const code = c[from]!;
  for (let q = from + 1; q < to; q++) {
    const v = terms.term(c[q]!);
    switch (code) {
      case LANG:
        if (post.langs.includes(v)) return true;
        break;
      case SOURCE:
        if (post.source === v) return true;
        break;
      case SITE:
        if (post.sites.includes(v)) return true;
        break;
      case AUTHOR:
        if (hasHandle(post.authors, v)) return true;
        break;
      case URL:
        for (const link of post.links) if (link.includes(v)) return true;
        break;
    }
  }
  return false;
}

/** Evaluates the program at `pc` against the post that match-state's `prepare` stamped last. */
export function run(c: Int32Array, pc: number, post: AnalyzedPost): boolean {
  switch (c[pc]) {
    case TERM:
      return wordSeq[c[pc + 2]!] === seq;
    case HASHTAG:
      return tagSeq[c[pc + 2]!] === seq;
    case WILDCARD:
      return patternSeq[c[pc + 2]!] === seq;
    case MENTION:
      return mentionSeq[c[pc + 2]!] === seq || (c[pc + 3]! >= 0 && mentionSeq[c[pc + 3]!] === seq);
    case PHRASE: {
      const first = c[pc + 2]!;
      if (wordSeq[first] !== seq) return false;
      const end = pc + c[pc + 1]!;
      for (let p = headPos[first]!; p >= 0; p = nextPos[p]!) if (phraseAt(post.tokens, p, c, pc + 2, end)) return true;
      return false;
    }
    case FIELD:
      return field(c, pc + 2, pc + c[pc + 1]!, post);
    case TITLE_TERM:
      return post.title !== null && titleSeq[c[pc + 2]!] === seq;
    case TITLE_PHRASE:
      return post.title !== null && titlePhrase(post.title, c, pc + 2, pc + c[pc + 1]!);
    case TITLE_WILDCARD:
      return post.title !== null && titleWildcard(post.title, terms.term(c[pc + 2]!));
    case NOT:
      return !run(c, pc + 2, post);
    case AND: {
      const end = pc + c[pc + 1]!;
      for (let q = pc + 2; q < end; q += c[q + 1]!) if (!run(c, q, post)) return false;
      return true;
    }
    case OR: {
      const end = pc + c[pc + 1]!;
      for (let q = pc + 2; q < end; q += c[q + 1]!) if (run(c, q, post)) return true;
      return false;
    }
    case NEAR:
      return near(c, pc, post);
    default:
      return false;
  }
}

// Spans of the two NEAR operands as flat [start, end, start, end, …] lists (end inclusive), reused.
const left: number[] = [];
const right: number[] = [];

function spans(c: Int32Array, pc: number, post: AnalyzedPost, out: number[]): void {
  const tokens = post.tokens;
  const end = pc + c[pc + 1]!;
  switch (c[pc]) {
    case TERM: {
      const id = c[pc + 2]!;
      if (wordSeq[id] === seq) for (let p = headPos[id]!; p >= 0; p = nextPos[p]!) out.push(p, p);
      return;
    }
    case HASHTAG: {
      const id = c[pc + 2]!;
      if (tagSeq[id] === seq) for (let p = headPos[id]!; p >= 0; p = nextPos[p]!) if ((tokens[p]! & 1) === 1) out.push(p, p);
      return;
    }
    case MENTION: {
      const m = post.mentions;
      const id = c[pc + 2]!;
      const any = c[pc + 3]!;
      for (let k = 0; k < m.length; k += 2) if (m[k + 1] === id || m[k + 1] === any) out.push(m[k]!, m[k]!);
      return;
    }
    case WILDCARD: {
      const pid = c[pc + 2]!;
      if (patternSeq[pid] !== seq) return;
      for (let p = 0; p < tokens.length; p++) if (tokens[p]! >= 0 && wildcards.has(pid, tokens[p]! >> 1)) out.push(p, p);
      return;
    }
    case PHRASE: {
      const first = c[pc + 2]!;
      if (wordSeq[first] !== seq) return;
      const len = end - pc - 2;
      for (let p = headPos[first]!; p >= 0; p = nextPos[p]!) if (phraseAt(tokens, p, c, pc + 2, end)) out.push(p, p + len - 1);
      return;
    }
    case OR:
      for (let q = pc + 2; q < end; q += c[q + 1]!) spans(c, q, post, out);
  }
}

function near(c: Int32Array, pc: number, post: AnalyzedPost): boolean {
  const distance = c[pc + 2]!;
  const ordered = c[pc + 3] === 1;
  const l = pc + 4;
  left.length = 0;
  spans(c, l, post, left);
  if (left.length === 0) return false;
  right.length = 0;
  spans(c, l + c[l + 1]!, post, right);
  for (let i = 0; i < left.length; i += 2) {
    const ls = left[i]!;
    const le = left[i + 1]!;
    for (let j = 0; j < right.length; j += 2) {
      const rs = right[j]!;
      const re = right[j + 1]!;
      // Occurrences must not overlap: `a NEAR/0 a` needs two separate tokens.
      if (le < rs && rs - le - 1 <= distance) return true;
      if (!ordered && re < ls && ls - re - 1 <= distance) return true;
    }
  }
  return false;
}
