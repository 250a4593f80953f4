/**
 * The reference evaluator: walks the tree against the string view of one analysed post. It
 * defines the semantics; the indexed matcher (query-index.ts, compiled-query.ts) must return
 * exactly what it returns (property-tested, and checked by the benchmark).
 */
import type { AnalyzedPost } from './analyze.ts';
import type { FieldNode, PhraseNode, ProximityOperand, QueryNode } from './ast.ts';
import { textView, type TextView } from './text-view.ts';
import { globMatch } from './wildcard.ts';

const NONE: readonly number[] = [];

/** The post as the reference evaluator reads it: string views of body and title plus metadata. */
interface PostView extends TextView {
  readonly post: AnalyzedPost;
  readonly title: TextView | null;
}

function wordPositions(text: TextView, word: string): number[] {
  const out: number[] = [];
  for (let p = text.heads.get(word) ?? -1; p >= 0; p = text.next[p]!) out.push(p);
  return out;
}

function hashtagPositions(text: TextView, tag: string): number[] {
  const out: number[] = [];
  for (let p = text.heads.get(tag) ?? -1; p >= 0; p = text.next[p]!) if (text.isHashtag[p] === 1) out.push(p);
  return out;
}

/** Positions of the tokens of the text that match a wildcard pattern (every distinct word is tested). */
function wildcardPositions(pattern: string, text: TextView): readonly number[] {
  let out: number[] | null = null;
  for (const [value, head] of text.heads) {
    if (!globMatch(pattern, value)) continue;
    out ??= [];
    for (let p = head; p >= 0; p = text.next[p]!) out.push(p);
  }
  return out ?? NONE;
}

function phraseStarts(node: PhraseNode, text: TextView): number[] {
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

function mentionPositions(handle: string, text: TextView): readonly number[] {
  const exact = text.mentions.get(handle) ?? NONE;
  if (handle.includes('@')) return exact;
  // A bare `@user` also means that user on any instance (`user@` is indexed for `user@host`).
  const anyInstance = text.mentions.get(`${handle}@`);
  return anyInstance === undefined ? exact : exact.concat(anyInstance);
}

/** Spans of a proximity operand as a flat list [start0, end0, start1, end1, …] (end inclusive). */
function spans(node: ProximityOperand, post: PostView, out: number[]): void {
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
      single(wildcardPositions(node.pattern, post));
      return;
    case 'phrase': {
      const len = node.words.length - 1;
      for (const p of phraseStarts(node, post)) out.push(p, p + len);
      return;
    }
    case 'or':
      for (const c of node.children) spans(c, post, out);
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

function hasHashtag(text: TextView, tag: string): boolean {
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

function textMatches(node: QueryNode, text: TextView): boolean {
  switch (node.type) {
    case 'term':
      return text.heads.has(node.value);
    case 'phrase':
      return phraseStarts(node, text).length > 0;
    case 'wildcard':
      return wildcardPositions(node.pattern, text).length > 0;
    default:
      return false;
  }
}

function evaluate(node: QueryNode, post: PostView): boolean {
  switch (node.type) {
    case 'term': case 'phrase': case 'wildcard':
      return textMatches(node, post);
    case 'hashtag':
      return hasHashtag(post, node.value);
    case 'mention':
      return mentionPositions(node.handle, post).length > 0;
    case 'field':
      return field(node, post.post);
    case 'title':
      return post.title !== null && textMatches(node.operand, post.title);
    case 'not':
      return !evaluate(node.child, post);
    case 'and':
      for (const c of node.children) if (!evaluate(c, post)) return false;
      return true;
    case 'or':
      for (const c of node.children) if (evaluate(c, post)) return true;
      return false;
    case 'near': {
      const left: number[] = [];
      spans(node.left, post, left);
      if (left.length === 0) return false;
      const right: number[] = [];
      spans(node.right, post, right);
      return near(left, right, node.distance, node.ordered);
    }
  }
}

/**
 * True if the analysed post matches the query (reference semantics, no index).
 * @example matches(parseQuery('"klimaschutz gesetz"').ast, analyzePost({ text: 'Das Klimaschutz-Gesetz' })) === true
 */
export function matches(ast: QueryNode, post: AnalyzedPost): boolean {
  const p = post.current();
  let view = postViews.get(p.tokens);
  if (view === undefined) {
    view = { ...textView(p), post: p, title: p.title === null ? null : textView(p.title) };
    postViews.set(p.tokens, view);
  }
  return evaluate(ast, view);
}

const postViews = new WeakMap<Int32Array, PostView>();
