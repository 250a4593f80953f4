/**
 * The reference evaluator: walks the tree against one analysed post. The index uses it too,
 * for the exact check of presearch candidates, with a faster wildcard resolver.
 */
import { hashtagPositions, wordPositions, type AnalyzedPost, type AnalyzedText } from './analyze.ts';
import type { FieldNode, PhraseNode, ProximityOperand, QueryNode } from './ast.ts';
import { globMatch } from './wildcard.ts';

const NONE: readonly number[] = [];

/** Positions of the tokens of `text` that match a wildcard pattern. */
export type WildcardResolver = (pattern: string, text: AnalyzedText) => readonly number[];

/** Scans every distinct word of the text; memoised per post for the post body. */
export function scanWildcard(pattern: string, text: AnalyzedText): readonly number[] {
  let out: number[] | null = null;
  for (const [value, head] of text.heads) {
    if (!globMatch(pattern, value)) continue;
    out ??= [];
    for (let p = head; p >= 0; p = text.next[p]!) out.push(p);
  }
  return out ?? NONE;
}

function memoised(pattern: string, post: AnalyzedPost, text: AnalyzedText, resolve: WildcardResolver): readonly number[] {
  if (text !== post) return resolve(pattern, text);
  let hit = post.wildcardMemo.get(pattern);
  if (hit === undefined) {
    hit = resolve(pattern, text);
    post.wildcardMemo.set(pattern, hit);
  }
  return hit;
}

function phraseStarts(node: PhraseNode, text: AnalyzedText): number[] {
  const out: number[] = [];
  const { values } = text;
  for (let p = text.heads.get(node.words[0]!) ?? -1; p >= 0; p = text.next[p]!) {
    let ok = true;
    for (let k = 1; k < node.words.length; k++) {
      if (values[p + k] !== node.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(p);
  }
  return out;
}

function mentionPositions(handle: string, text: AnalyzedText): readonly number[] {
  const exact = text.mentions.get(handle) ?? NONE;
  if (handle.includes('@')) return exact;
  // A bare `@user` also means that user on any instance (`user@` is indexed for `user@host`).
  const anyInstance = text.mentions.get(`${handle}@`);
  return anyInstance === undefined ? exact : exact.concat(anyInstance);
}

/** Spans of a proximity operand as a flat list [start0, end0, start1, end1, …] (end inclusive). */
function spans(node: ProximityOperand, post: AnalyzedPost, resolve: WildcardResolver, out: number[]): void {
  const single = (positions: readonly number[]): void => {
    for (const p of positions) out.push(p, p);
  };
  switch (node.type) {
    case 'term':
      single(wordPositions(post, node.value));
      return;
    case 'hashtag':
      single(hashtagPositions(post, node.value));
      return;
    case 'mention':
      single(mentionPositions(node.handle, post));
      return;
    case 'wildcard':
      single(memoised(node.pattern, post, post, resolve));
      return;
    case 'phrase': {
      const len = node.words.length - 1;
      for (const p of phraseStarts(node, post)) out.push(p, p + len);
      return;
    }
    case 'or':
      for (const c of node.children) spans(c, post, resolve, out);
  }
}

function near(left: number[], right: number[], distance: number, ordered: boolean): boolean {
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

function hasHashtag(text: AnalyzedText, tag: string): boolean {
  for (let p = text.heads.get(tag) ?? -1; p >= 0; p = text.next[p]!) if (text.isHashtag[p] === 1) return true;
  return false;
}

function hasHandle(keys: readonly string[], handle: string): boolean {
  return keys.includes(handle) || (!handle.includes('@') && keys.includes(`${handle}@`));
}

function field(node: FieldNode, post: AnalyzedPost): boolean {
  for (const v of node.values) {
    switch (node.field) {
      case 'lang':
        if (post.langs.includes(v)) return true;
        break;
      case 'source':
        if (post.source === v) return true;
        break;
      case 'site':
        if (post.sites.includes(v)) return true;
        break;
      case 'author':
        if (hasHandle(post.authors, v)) return true;
        break;
      case 'url':
        for (const link of post.links) if (link.includes(v)) return true;
        break;
    }
  }
  return false;
}

function textMatches(node: QueryNode, post: AnalyzedPost, text: AnalyzedText, resolve: WildcardResolver): boolean {
  switch (node.type) {
    case 'term':
      return text.heads.has(node.value);
    case 'phrase':
      return phraseStarts(node, text).length > 0;
    case 'wildcard':
      return memoised(node.pattern, post, text, resolve).length > 0;
    default:
      return false;
  }
}

/**
 * Evaluates a query tree against an analysed post with a given wildcard resolver.
 * Prefer {@link matches}; this entry point exists for the index.
 */
export function evaluate(node: QueryNode, post: AnalyzedPost, resolve: WildcardResolver): boolean {
  switch (node.type) {
    case 'term': case 'phrase': case 'wildcard':
      return textMatches(node, post, post, resolve);
    case 'hashtag':
      return hasHashtag(post, node.value);
    case 'mention':
      return mentionPositions(node.handle, post).length > 0;
    case 'field':
      return field(node, post);
    case 'title':
      return post.title !== null && textMatches(node.operand, post, post.title, resolve);
    case 'not':
      return !evaluate(node.child, post, resolve);
    case 'and':
      for (const c of node.children) if (!evaluate(c, post, resolve)) return false;
      return true;
    case 'or':
      for (const c of node.children) if (evaluate(c, post, resolve)) return true;
      return false;
    case 'near': {
      const left: number[] = [];
      spans(node.left, post, resolve, left);
      if (left.length === 0) return false;
      const right: number[] = [];
      spans(node.right, post, resolve, right);
      return near(left, right, node.distance, node.ordered);
    }
  }
}

/**
 * True if the analysed post matches the query (reference semantics, no index).
 * @example matches(parseQuery('"klimaschutz gesetz"').ast, analyzePost({ text: 'Das Klimaschutz-Gesetz' })) === true
 */
export function matches(ast: QueryNode, post: AnalyzedPost): boolean {
  return evaluate(ast, post, scanWildcard);
}
