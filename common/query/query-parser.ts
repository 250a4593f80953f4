/**
 * Recursive-descent parser for the query language (docs/query-language.md). Precedence, from
 * tightest: proximity (NEAR/ONEAR), NOT and `-`, AND (also implicit), OR. Runs in linear time;
 * nesting is bounded so that hostile input cannot exhaust the stack, and every problem is
 * returned as a value with a 1-based column — the parser never throws.
 */
import type { ParseResult, ProximityOperand, QueryError, QueryNode } from './ast.ts';
import { lexQuery, type Lexeme } from './query-lexer.ts';
import { fieldLeaf, hashtagLeaf, mentionLeaf, phraseLeaf, termLeaf, type LeafResult } from './query-terms.ts';

/** Deepest nesting of parentheses and NOTs; far beyond any real query. */
const MAX_DEPTH = 100;

class QuerySyntaxError {
  readonly error: QueryError;
  constructor(column: number, message: string) {
    this.error = { column, message };
  }
}

function isOperandStart(l: Lexeme | undefined): boolean {
  if (l === undefined) return false;
  switch (l.kind) {
    case 'term': case 'phrase': case 'hashtag': case 'mention': case 'field':
    case '(': case 'NOT': case '-':
      return true;
    default:
      return false;
  }
}

function operatorName(l: Lexeme): string {
  return l.kind === 'near' ? l.text : l.kind;
}

function isProximityOperand(node: QueryNode): node is ProximityOperand {
  switch (node.type) {
    case 'term': case 'phrase': case 'wildcard': case 'hashtag': case 'mention':
      return true;
    case 'or':
      return node.children.every(isProximityOperand);
    default:
      return false;
  }
}

/** Can the node match only through a positive condition? `NOT x` cannot; OR needs all branches. */
function firstNegative(node: QueryNode): QueryNode | null {
  switch (node.type) {
    case 'not':
      return node;
    case 'and': {
      for (const c of node.children) if (firstNegative(c) === null) return null;
      return firstNegative(node.children[0]!);
    }
    case 'or': {
      for (const c of node.children) {
        const neg = firstNegative(c);
        if (neg !== null) return neg;
      }
      return null;
    }
    default:
      return null;
  }
}

class Parser {
  private readonly lexemes: Lexeme[];
  private pos = 0;
  private depth = 0;
  /** Column of each node's first lexeme, for errors found after a node was built. */
  readonly cols = new Map<QueryNode, number>();

  constructor(lexemes: Lexeme[]) {
    this.lexemes = lexemes;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.pos];
  }

  private at(node: QueryNode, col: number): QueryNode {
    if (!this.cols.has(node)) this.cols.set(node, col);
    return node;
  }

  private leaf<T extends QueryNode>(result: LeafResult<T>, col: number): QueryNode {
    if ('message' in result) throw new QuerySyntaxError(col, result.message);
    return this.at(result.node, col);
  }

  parseQuery(): QueryNode {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest !== undefined) {
      // parseOr only stops early at a ')' without a matching '('.
      throw new QuerySyntaxError(rest.col, "unbalanced parentheses: unexpected ')'");
    }
    return node;
  }

  private expectOperandAfter(op: Lexeme): void {
    if (!isOperandStart(this.peek())) throw new QuerySyntaxError(op.col, `dangling operator '${operatorName(op)}'`);
  }

  private parseOr(): QueryNode {
    const first = this.parseAnd();
    const children = [first];
    for (let l = this.peek(); l?.kind === 'OR'; l = this.peek()) {
      this.pos++;
      this.expectOperandAfter(l);
      children.push(this.parseAnd());
    }
    if (children.length === 1) return first;
    const flat = children.flatMap((c) => (c.type === 'or' ? c.children : [c]));
    return this.at({ type: 'or', children: flat }, this.cols.get(first) ?? 1);
  }

  private parseAnd(): QueryNode {
    const first = this.parseUnary();
    const children = [first];
    for (;;) {
      const l = this.peek();
      if (l?.kind === 'AND') {
        this.pos++;
        this.expectOperandAfter(l);
      } else if (!isOperandStart(l)) {
        break;
      }
      children.push(this.parseUnary());
    }
    if (children.length === 1) return first;
    const flat = children.flatMap((c) => (c.type === 'and' ? c.children : [c]));
    return this.at({ type: 'and', children: flat }, this.cols.get(first) ?? 1);
  }

  private parseUnary(): QueryNode {
    const l = this.peek();
    if (l?.kind === 'NOT' || l?.kind === '-') {
      this.pos++;
      this.expectOperandAfter(l);
      this.enter(l.col);
      const child = this.parseUnary();
      this.depth--;
      return this.at({ type: 'not', child }, l.col);
    }
    return this.parseProximity();
  }

  private enter(col: number): void {
    if (++this.depth > MAX_DEPTH) throw new QuerySyntaxError(col, `query is nested too deeply (more than ${MAX_DEPTH} levels)`);
  }

  private parseProximity(): QueryNode {
    const startCol = this.peek()?.col ?? 1;
    let left = this.parsePrimary();
    for (let l = this.peek(); l?.kind === 'near'; l = this.peek()) {
      this.pos++;
      const next = this.peek();
      if (next === undefined || next.kind === ')' || next.kind === 'AND' || next.kind === 'OR' || next.kind === 'near') {
        throw new QuerySyntaxError(l.col, `dangling operator '${l.text}'`);
      }
      if (left.type === 'near') {
        throw new QuerySyntaxError(l.col, `${l.text} cannot be chained; combine proximity conditions with AND`);
      }
      const right = this.parsePrimary();
      const operandError = `${l.text} operands must be terms, phrases, wildcards, hashtags, mentions or OR-groups of these`;
      if (!isProximityOperand(left)) throw new QuerySyntaxError(startCol, operandError);
      if (!isProximityOperand(right)) throw new QuerySyntaxError(next.col, operandError);
      left = this.at({ type: 'near', distance: l.distance, ordered: l.ordered, left, right }, startCol);
    }
    return left;
  }

  private parsePrimary(): QueryNode {
    const l = this.peek();
    if (l === undefined) throw new QuerySyntaxError(1, 'empty query');
    this.pos++;
    switch (l.kind) {
      case 'term':
        return this.leaf(termLeaf(l.text), l.col);
      case 'phrase':
        return this.leaf(phraseLeaf(l.text), l.col);
      case 'hashtag':
        return this.leaf(hashtagLeaf(l.text), l.col);
      case 'mention':
        return this.leaf(mentionLeaf(l.text), l.col);
      case 'field':
        return this.leaf(fieldLeaf(l.field, l.text, l.quoted), l.col);
      case '(': {
        if (this.peek()?.kind === ')') throw new QuerySyntaxError(l.col, 'empty parentheses');
        this.enter(l.col);
        const inner = this.parseOr();
        this.depth--;
        if (this.peek()?.kind !== ')') throw new QuerySyntaxError(l.col, "unbalanced parentheses: '(' is never closed");
        this.pos++;
        return inner;
      }
      case ')':
        throw new QuerySyntaxError(l.col, "unbalanced parentheses: unexpected ')'");
      default:
        // An operator where an operand must start: AND/OR/NEAR without a left operand.
        throw new QuerySyntaxError(l.col, `dangling operator '${operatorName(l)}'`);
    }
  }
}

/**
 * Parses a query. Never throws: syntax problems come back as `{ ok: false, error: { column, message } }`.
 * @example parseQuery('klima* AND (bund OR land)') // { ok: true, ast: { type: 'and', … } }
 * @example parseQuery('a AND') // { ok: false, error: { column: 3, message: "dangling operator 'AND'" } }
 */
export function parseQuery(text: string): ParseResult {
  try {
    const lexed = lexQuery(text);
    if (!lexed.ok) return lexed;
    if (lexed.lexemes.length === 0) return { ok: false, error: { column: 1, message: 'empty query' } };
    const parser = new Parser(lexed.lexemes);
    const ast = parser.parseQuery();
    const negative = firstNegative(ast);
    if (negative !== null) {
      return {
        ok: false,
        error: {
          column: parser.cols.get(negative) ?? 1,
          message: 'query is only negative: every alternative needs a term that must match',
        },
      };
    }
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { ok: false, error: e.error };
    // A bug must not take down a stream worker; report it like a syntax error at column 1.
    return { ok: false, error: { column: 1, message: `internal error: ${String(e)}` } };
  }
}
