/**
 * Presearch anchors (the idea of Lucene Monitor): for each query, a set of index keys such that
 * every post the query matches contains at least one of them. The index then evaluates a query
 * only for posts that contain one of its anchors.
 */
import type { ProximityOperand, QueryNode, TermNode, PhraseNode, WildcardNode } from './ast.ts';
import { literalCount } from './wildcard.ts';

/**
 * Namespaces of index keys: w word or hashtag, h hashtag, m mention, a author, l language,
 * s source, d site (domain), t title word, x wildcard pattern (over words and hashtags).
 */
export type AnchorKind = 'w' | 'h' | 'm' | 'a' | 'l' | 's' | 'd' | 't' | 'x';

export interface Anchor {
  readonly kind: AnchorKind;
  readonly key: string;
}

/** A disjunction of anchors with an estimated cost (lower = fewer candidate posts). */
interface AnchorSet {
  readonly anchors: Anchor[];
  readonly cost: number;
}

// Without corpus statistics, longer words are assumed rarer; metadata such as language or
// source matches a large share of all posts and is used only when nothing else is required.
function wordCost(word: string): number {
  return 10 - Math.min(word.length, 8);
}

function longest(words: readonly string[]): string {
  let best = words[0]!;
  for (const w of words) if (w.length > best.length) best = w;
  return best;
}

function one(kind: AnchorKind, key: string, cost: number): AnchorSet {
  return { anchors: [{ kind, key }], cost };
}

function handleSet(kind: 'm' | 'a', handles: readonly string[]): AnchorSet {
  const anchors: Anchor[] = [];
  for (const h of handles) {
    anchors.push({ kind, key: h });
    if (!h.includes('@')) anchors.push({ kind, key: `${h}@` });
  }
  return { anchors, cost: anchors.length };
}

function union(sets: (AnchorSet | null)[]): AnchorSet | null {
  const anchors: Anchor[] = [];
  let cost = 0;
  for (const s of sets) {
    if (s === null) return null;
    anchors.push(...s.anchors);
    cost += s.cost;
  }
  return { anchors, cost };
}

function cheapest(sets: (AnchorSet | null)[]): AnchorSet | null {
  let best: AnchorSet | null = null;
  for (const s of sets) if (s !== null && (best === null || s.cost < best.cost)) best = s;
  return best;
}

function textLeaf(node: TermNode | PhraseNode | WildcardNode, wordKind: 'w' | 't'): AnchorSet | null {
  switch (node.type) {
    case 'term':
      return one(wordKind, node.value, wordCost(node.value));
    case 'phrase': {
      const w = longest(node.words);
      return one(wordKind, w, wordCost(w) - 1);
    }
    case 'wildcard':
      // Title wildcards are rare; such queries are simply evaluated for every post.
      return wordKind === 'w' ? one('x', node.pattern, 12 - Math.min(literalCount(node.pattern), 8)) : null;
  }
}

function operandSet(node: ProximityOperand): AnchorSet | null {
  switch (node.type) {
    case 'hashtag':
      return one('h', node.value, 2);
    case 'mention':
      return handleSet('m', [node.handle]);
    case 'or':
      return union(node.children.map(operandSet));
    default:
      return textLeaf(node, 'w');
  }
}

function extract(node: QueryNode): AnchorSet | null {
  switch (node.type) {
    case 'term': case 'phrase': case 'wildcard': case 'hashtag': case 'mention':
      return operandSet(node);
    case 'title':
      return textLeaf(node.operand, 't');
    case 'field':
      switch (node.field) {
        case 'author':
          return handleSet('a', node.values);
        case 'site':
          return { anchors: node.values.map((key) => ({ kind: 'd', key })), cost: 4 * node.values.length };
        case 'lang':
          return { anchors: node.values.map((key) => ({ kind: 'l', key })), cost: 50 * node.values.length };
        case 'source':
          return { anchors: node.values.map((key) => ({ kind: 's', key })), cost: 50 * node.values.length };
        case 'url':
          return null;
      }
      return null;
    case 'not':
      return null;
    case 'and':
      return cheapest(node.children.map(extract));
    case 'or':
      return union(node.children.map(extract));
    case 'near':
      return cheapest([operandSet(node.left), operandSet(node.right)]);
  }
}

/**
 * The anchors of a query, or null if it cannot be indexed (e.g. only `url:` substrings) and
 * must be evaluated for every post. Duplicate anchors are removed.
 */
export function queryAnchors(ast: QueryNode): Anchor[] | null {
  const set = extract(ast);
  if (set === null) return null;
  const seen = new Set<string>();
  return set.anchors.filter((a) => {
    const k = `${a.kind}:${a.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every wildcard pattern over post words in a query (all must be known to the wildcard index). */
export function wildcardPatterns(node: QueryNode, out: Set<string> = new Set()): Set<string> {
  switch (node.type) {
    case 'wildcard':
      out.add(node.pattern);
      break;
    case 'and': case 'or':
      for (const c of node.children) wildcardPatterns(c, out);
      break;
    case 'not':
      wildcardPatterns(node.child, out);
      break;
    case 'near':
      wildcardPatterns(node.left, out);
      wildcardPatterns(node.right, out);
      break;
    default:
      break;
  }
  return out;
}
