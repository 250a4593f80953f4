/**
 * The syntax tree of a parsed query. Plain data (JSON-serialisable), so saved queries can be
 * cached, compared with `formatQuery` and shipped to workers. All strings are already folded.
 */

/** A single word: matches a word or hashtag token with this folded value. */
export interface TermNode { readonly type: 'term'; readonly value: string }
/** Consecutive words (a bare term that the tokenizer splits, e.g. `covid-19`, is a phrase too). */
export interface PhraseNode { readonly type: 'phrase'; readonly words: readonly string[] }
/** A term with `*` (any run of characters within one token) and `?` (exactly one character). */
export interface WildcardNode { readonly type: 'wildcard'; readonly pattern: string }
/** `#tag`: the hashtag only. */
export interface HashtagNode { readonly type: 'hashtag'; readonly value: string }
/** `@handle` or `@user@instance`: a mention. */
export interface MentionNode { readonly type: 'mention'; readonly handle: string }
/** `author:`, `lang:`, `source:`, `site:`, `url:`; several values (`lang:de|en`) are alternatives. */
export interface FieldNode {
  readonly type: 'field';
  readonly field: 'author' | 'lang' | 'source' | 'site' | 'url';
  readonly values: readonly string[];
}
/** `title:term`, `title:"phrase"`, `title:wild*`: matched against the RSS/news title. */
export interface TitleNode { readonly type: 'title'; readonly operand: TermNode | PhraseNode | WildcardNode }
export interface AndNode { readonly type: 'and'; readonly children: readonly QueryNode[] }
export interface OrNode { readonly type: 'or'; readonly children: readonly QueryNode[] }
export interface NotNode { readonly type: 'not'; readonly child: QueryNode }

/** What a proximity operator can relate: positional leaves and OR-groups of them. */
export type ProximityOperand = TermNode | PhraseNode | WildcardNode | HashtagNode | MentionNode | ProximityGroup;
export interface ProximityGroup { readonly type: 'or'; readonly children: readonly ProximityOperand[] }

/** `a NEAR/n b` (any order) or `a ONEAR/n b` (a before b): at most n tokens between them. */
export interface NearNode {
  readonly type: 'near';
  readonly distance: number;
  readonly ordered: boolean;
  readonly left: ProximityOperand;
  readonly right: ProximityOperand;
}

export type QueryNode =
  | TermNode | PhraseNode | WildcardNode | HashtagNode | MentionNode | FieldNode | TitleNode
  | AndNode | OrNode | NotNode | NearNode;

/** A syntax error: 1-based column in the query text (UTF-16 units) and an English message. */
export interface QueryError { readonly column: number; readonly message: string }

/** The result of parsing: errors are values, never exceptions. */
export type ParseResult =
  | { readonly ok: true; readonly ast: QueryNode }
  | { readonly ok: false; readonly error: QueryError };

/** Field names accepted before a colon. */
export const FIELDS = ['author', 'lang', 'source', 'site', 'title', 'url'] as const;
/** Largest n in NEAR/n and ONEAR/n. */
export const MAX_PROXIMITY = 50;
