/**
 * `resonanz query check|match`: the command-line face of the query engine (common/query), for
 * analysts and for acceptance tests. Output formats are a stable interface; do not change them.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyzePost, formatQuery, parseQuery, matches, type ParseResult, type PostInput } from '../../../../common/query/index.ts';

function reportError(result: ParseResult): void {
  if (!result.ok) process.stderr.write(`error at column ${result.error.column}: ${result.error.message}\n`);
}

/** Prints the canonical form of a query and returns 0, or prints `error at column N: …` to stderr and returns 2. */
export function queryCheckCommand(q: string): number {
  const parsed = parseQuery(q);
  if (!parsed.ok) {
    reportError(parsed);
    return 2;
  }
  process.stdout.write(`${formatQuery(parsed.ast)}\n`);
  return 0;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The post of one NDJSON line, or an explanation of why the line is unusable. */
function toPost(value: unknown): { id: string; post: PostInput } | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return 'missing "id"';
  if (typeof o.text !== 'string') return 'missing "text"';
  return {
    id: String(o.id),
    post: {
      text: o.text,
      lang: optionalString(o.lang),
      author: optionalString(o.author),
      source: optionalString(o.source),
      url: optionalString(o.url),
      title: optionalString(o.title),
    },
  };
}

/**
 * Prints the id of every post in the NDJSON file that matches the query, in input order.
 * Unusable lines are reported on stderr with their line number and skipped.
 * Returns 0 for a valid query, 2 for an invalid one, 1 if the file cannot be read.
 */
export async function queryMatchCommand(q: string, inputPath: string): Promise<number> {
  const parsed = parseQuery(q);
  if (!parsed.ok) {
    reportError(parsed);
    return 2;
  }
  const { ast } = parsed;
  let out: string[] = [];
  const flush = (): void => {
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
    out = [];
  };
  try {
    const lines = createInterface({ input: createReadStream(inputPath), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        process.stderr.write(`line ${lineNo}: invalid JSON (${(e as Error).message}), skipped\n`);
        continue;
      }
      const item = toPost(value);
      if (typeof item === 'string') {
        process.stderr.write(`line ${lineNo}: ${item}, skipped\n`);
        continue;
      }
      if (matches(ast, analyzePost(item.post))) out.push(item.id);
      if (out.length >= 1000) flush();
    }
  } catch (e) {
    flush();
    process.stderr.write(`cannot read ${inputPath}: ${(e as Error).message}\n`);
    return 1;
  }
  flush();
  return 0;
}
