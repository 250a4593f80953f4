/**
 * The boolean query language of listening, inbox routing and moderation: parse a query once,
 * analyse a post once, then match with {@link matches} or, for many saved queries, {@link QueryIndex}.
 * Pure and dependency-free (no I/O); safe to import from server, workers and web.
 *
 * @example
 * const parsed = parseQuery('(klimaschutz OR #klima) AND NOT spam');
 * if (!parsed.ok) console.error(`error at column ${parsed.error.column}: ${parsed.error.message}`);
 * else matches(parsed.ast, analyzePost({ text: 'Neues zum #Klimaschutz' })); // true
 */
export type * from './ast.ts';
export { FIELDS, MAX_PROXIMITY } from './ast.ts';
export { AnalyzedPost, analyzePost, analyzeText, distinctWords, hashtagsOfText } from './analyze.ts';
export type { AnalyzedText, PostInput } from './analyze.ts';
export { foldText } from './fold.ts';
export { tokenize } from './tokenizer.ts';
export type { Token, TokenKind } from './tokenizer.ts';
export { parseQuery } from './query-parser.ts';
export { formatQuery } from './query-format.ts';
export { matches } from './evaluate.ts';
export { QueryIndex } from './query-index.ts';
