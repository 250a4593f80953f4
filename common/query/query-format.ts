/**
 * Prints a query in canonical form: folded words, explicit upper-case operators, `NOT` instead
 * of `-`, parentheses only where needed (and around AND inside OR, for readers). Parsing the
 * output yields the same tree, so the canonical form can be used to compare saved queries.
 */
import type { FieldNode, ProximityOperand, QueryNode } from './ast.ts';

const NEEDS_QUOTES = /[\s()"|]/;
// A bare word that would lex as something else: a field, a negation, a hashtag or a mention.
const AMBIGUOUS_START = /^(?:[A-Za-z]+:|[-#@\uff03\uff20])/;

function word(value: string): string {
  return NEEDS_QUOTES.test(value) || AMBIGUOUS_START.test(value) ? `"${value}"` : value;
}

function fieldValues(node: FieldNode): string {
  const joined = node.values.join('|');
  return node.values.some((v) => NEEDS_QUOTES.test(v)) ? `"${joined}"` : joined;
}

function operand(node: ProximityOperand): string {
  return node.type === 'or' ? `(${formatQuery(node)})` : formatQuery(node);
}

/**
 * Formats a query tree in canonical form.
 * @example formatQuery(parseQuery('Müller -spam').ast) === 'mueller AND NOT spam'
 */
export function formatQuery(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return word(node.value);
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'wildcard':
      return node.pattern;
    case 'hashtag':
      return `#${node.value}`;
    case 'mention':
      return `@${node.handle}`;
    case 'field':
      return `${node.field}:${fieldValues(node)}`;
    case 'title':
      return `title:${formatQuery(node.operand)}`;
    case 'not': {
      const c = node.child;
      return c.type === 'and' || c.type === 'or' ? `NOT (${formatQuery(c)})` : `NOT ${formatQuery(c)}`;
    }
    case 'and':
      return node.children.map((c) => (c.type === 'or' ? `(${formatQuery(c)})` : formatQuery(c))).join(' AND ');
    case 'or':
      return node.children.map((c) => (c.type === 'and' ? `(${formatQuery(c)})` : formatQuery(c))).join(' OR ');
    case 'near':
      return `${operand(node.left)} ${node.ordered ? 'ONEAR' : 'NEAR'}/${node.distance} ${operand(node.right)}`;
  }
}
