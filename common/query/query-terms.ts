/**
 * Turns the raw text of query leaves (terms, phrases, hashtags, mentions, field values) into
 * folded AST nodes, using the same tokenizer as posts so that both sides split words alike.
 */
import type { FieldNode, PhraseNode, QueryNode, TermNode, WildcardNode } from './ast.ts';
import { hostOf } from './post-fields.ts';
import { foldText } from './fold.ts';
import { tokenize } from './tokenizer.ts';
import { literalCount } from './wildcard.ts';

/** A leaf or an error message (the parser adds the column). */
export type LeafResult<T> = { readonly node: T } | { readonly message: string };

const MIN_LITERALS = 3;

function words(raw: string, what: string): LeafResult<string[]> {
  const tokens = tokenize(raw);
  const out: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'url') return { message: `${what} cannot contain a URL; search links with url: or site:` };
    if (t.kind !== 'word') return { message: `${what} cannot contain a hashtag or mention; write #tag or @handle on its own` };
    out.push(t.value);
  }
  if (out.length === 0) return { message: `${what} contains no letters or digits` };
  return { node: out };
}

function wordsNode(list: string[]): TermNode | PhraseNode {
  return list.length === 1 ? { type: 'term', value: list[0]! } : { type: 'phrase', words: list };
}

/** A bare term: a word, a wildcard, or (if the tokenizer splits it, as `covid-19`) a phrase. */
export function termLeaf(raw: string): LeafResult<TermNode | PhraseNode | WildcardNode> {
  if (raw.includes('*') || raw.includes('?')) return wildcardLeaf(raw);
  const w = words(raw, 'a term');
  return 'message' in w ? w : { node: wordsNode(w.node) };
}

function wildcardLeaf(raw: string): LeafResult<WildcardNode> {
  if (literalCount(raw) < MIN_LITERALS) {
    return { message: `wildcard '${raw}' is too short: keep at least ${MIN_LITERALS} literal characters` };
  }
  // Placeholders stand in for the wildcards so that the tokenizer can check that the whole
  // pattern is one word (a wildcard cannot span a word boundary in the post either).
  const probe = raw.replace(/[*?]/g, 'a');
  const tokens = tokenize(probe);
  if (tokens.length !== 1 || tokens[0]!.kind !== 'word' || tokens[0]!.start !== 0 || tokens[0]!.end !== probe.length) {
    return { message: `wildcard '${raw}' must be a single word` };
  }
  const pattern = raw
    .split(/([*?])/)
    .map((part) => (part === '*' || part === '?' ? part : foldText(part)))
    .join('')
    .replace(/\*+/g, '*');
  return { node: { type: 'wildcard', pattern } };
}

/** The text between double quotes. */
export function phraseLeaf(raw: string): LeafResult<TermNode | PhraseNode> {
  if (raw.includes('*') || raw.includes('?')) return { message: 'wildcards are not allowed inside a phrase' };
  if (raw.trim() === '') return { message: 'empty phrase' };
  const w = words(raw, 'a phrase');
  return 'message' in w ? w : { node: wordsNode(w.node) };
}

/** `#tag` without the `#`. */
export function hashtagLeaf(raw: string): LeafResult<QueryNode> {
  if (raw.includes('*') || raw.includes('?')) return { message: 'wildcards are not allowed in hashtags' };
  const tokens = tokenize(`#${raw}`);
  const t = tokens[0];
  if (tokens.length !== 1 || t === undefined || t.kind !== 'hashtag' || t.end !== raw.length + 1) {
    return { message: `invalid hashtag '#${raw}'` };
  }
  return { node: { type: 'hashtag', value: t.value } };
}

/** `@handle` or `@user@instance` without the leading `@`. */
export function mentionLeaf(raw: string): LeafResult<QueryNode> {
  if (raw.includes('*') || raw.includes('?')) return { message: 'wildcards are not allowed in mentions' };
  const tokens = tokenize(`@${raw}`);
  const t = tokens[0];
  if (tokens.length !== 1 || t === undefined || t.kind !== 'mention' || t.end !== raw.length + 1) {
    return { message: `invalid mention '@${raw}'` };
  }
  return { node: { type: 'mention', handle: t.value } };
}

function normaliseValue(field: FieldNode['field'], raw: string): string {
  const v = raw.trim();
  switch (field) {
    case 'author':
      return foldText(v.replace(/^[@\uff20]/, ''));
    case 'lang':
      return v.toLowerCase().replace(/_/g, '-');
    case 'site':
      // `www.` is a convention, not a distinct site: `site:www.example.org` means example.org.
      return hostOf(v).replace(/^(?:\*\.|www\.)/, '');
    default:
      return v.toLowerCase();
  }
}

/** `field:value`; `title:` takes a term, wildcard or quoted phrase, the others `v1|v2|…`. */
export function fieldLeaf(field: string, raw: string, quoted: boolean): LeafResult<QueryNode> {
  if (field === 'title') {
    const operand = quoted ? phraseLeaf(raw) : termLeaf(raw);
    return 'message' in operand ? operand : { node: { type: 'title', operand: operand.node } };
  }
  const name = field as FieldNode['field'];
  const values: string[] = [];
  for (const part of raw.split('|')) {
    const value = normaliseValue(name, part);
    if (value === '') return { message: `field '${name}' has an empty value` };
    if (/[\s()"]/.test(value) && name !== 'url') return { message: `invalid value '${part}' for field '${name}'` };
    values.push(value);
  }
  return { node: { type: 'field', field: name, values } };
}
