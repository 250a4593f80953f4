/**
 * Splits query text into lexemes in one left-to-right pass (linear time). Reports the errors
 * that are visible without grammar: unterminated quotes, NEAR without a number, unknown fields.
 */
import { FIELDS, MAX_PROXIMITY, type QueryError } from './ast.ts';

export type Lexeme =
  | { readonly kind: '(' | ')' | 'AND' | 'OR' | 'NOT' | '-'; readonly col: number }
  | { readonly kind: 'near'; readonly col: number; readonly distance: number; readonly ordered: boolean; readonly text: string }
  | { readonly kind: 'term' | 'phrase' | 'hashtag' | 'mention'; readonly col: number; readonly text: string }
  | { readonly kind: 'field'; readonly col: number; readonly field: string; readonly text: string; readonly quoted: boolean };

export type LexResult = { readonly ok: true; readonly lexemes: Lexeme[] } | { readonly ok: false; readonly error: QueryError };

const SPACE = /\s/;
const FIELD = /^([A-Za-z]+):/;
const PROXIMITY = /^(O?)NEAR(?:\/(.*))?$/;

function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

function isRunEnd(ch: string): boolean {
  return ch === '(' || ch === ')' || ch === '"' || isSpace(ch);
}

/** Lexes a query. Columns are 1-based UTF-16 offsets. */
export function lexQuery(text: string): LexResult {
  const out: Lexeme[] = [];
  const n = text.length;
  let i = 0;
  const fail = (index: number, message: string): LexResult => ({ ok: false, error: { column: index + 1, message } });
  while (i < n) {
    const ch = text[i]!;
    const col = i + 1;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ kind: ch, col });
      i++;
    } else if (ch === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) return fail(i, 'unterminated phrase: missing closing quote');
      out.push({ kind: 'phrase', col, text: text.slice(i + 1, close) });
      i = close + 1;
    } else if (ch === '-') {
      const next = text[i + 1];
      if (next === undefined || isSpace(next) || next === ')') return fail(i, "dangling operator '-'");
      out.push({ kind: '-', col });
      i++;
    } else {
      let end = i;
      while (end < n && !isRunEnd(text[end]!)) end++;
      const run = text.slice(i, end);
      const field = FIELD.exec(run);
      const prox = PROXIMITY.exec(run);
      if (run === 'AND' || run === 'OR' || run === 'NOT') {
        out.push({ kind: run, col });
      } else if (prox) {
        const digits = prox[2];
        if (digits === undefined || !/^\d+$/.test(digits)) {
          return fail(i, `${prox[1]}NEAR without a number: write ${prox[1]}NEAR/n with n from 0 to ${MAX_PROXIMITY}`);
        }
        const distance = digits.length > 3 ? Infinity : Number(digits);
        if (distance > MAX_PROXIMITY) return fail(i, `${prox[1]}NEAR distance must be between 0 and ${MAX_PROXIMITY}`);
        out.push({ kind: 'near', col, distance, ordered: prox[1] === 'O', text: run });
      } else if (ch === '#' || ch === '\uff03') {
        out.push({ kind: 'hashtag', col, text: run.slice(1) });
      } else if (ch === '@' || ch === '\uff20') {
        out.push({ kind: 'mention', col, text: run.slice(1) });
      } else if (field) {
        const name = field[1]!.toLowerCase();
        if (!(FIELDS as readonly string[]).includes(name)) return fail(i, `unknown field '${field[1]}'`);
        let value = run.slice(field[0].length);
        let quoted = false;
        if (value === '' && text[end] === '"') {
          const close = text.indexOf('"', end + 1);
          if (close < 0) return fail(end, 'unterminated phrase: missing closing quote');
          value = text.slice(end + 1, close);
          quoted = true;
          end = close + 1;
        }
        if (value.trim() === '') return fail(i, `field '${name}' needs a value`);
        out.push({ kind: 'field', col, field: name, text: value, quoted });
      } else {
        out.push({ kind: 'term', col, text: run });
      }
      i = end;
    }
  }
  return { ok: true, lexemes: out };
}
