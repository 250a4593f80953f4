/**
 * `resonanz nlp analyze --input texts.ndjson`: one `{ id, lang, sentiment, score }` line per
 * input line `{ "id", "text" }`. Bad lines are reported on stderr with their line number and
 * skipped, so one broken record never stops a batch.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { BuiltinSentimentAnalyzer } from './builtin-analyzer.ts';
import { detectLanguage } from './language-detector.ts';

export interface LineSink {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Analyses NDJSON lines and writes the results to `sink`; returns the number of skipped lines.
 * Separate from the command so that tests need neither files nor a process.
 */
export async function analyzeNdjson(lines: AsyncIterable<string> | Iterable<string>, sink: LineSink): Promise<number> {
  const analyzer = new BuiltinSentimentAnalyzer({ mode: 'model' });
  let lineNo = 0;
  let skipped = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      sink.err(`line ${lineNo}: invalid JSON, skipped`);
      skipped++;
      continue;
    }
    if (typeof record !== 'object' || record === null || typeof (record as { text?: unknown }).text !== 'string') {
      sink.err(`line ${lineNo}: expected an object with a string "text", skipped`);
      skipped++;
      continue;
    }
    const { id = null, text } = record as { id?: unknown; text: string };
    const { lang } = detectLanguage(text);
    const { sentiment, score } = analyzer.analyzeSync(text, lang);
    sink.out(JSON.stringify({ id, lang, sentiment, score }));
  }
  return skipped;
}

/** Runs `nlp analyze` on an NDJSON file; returns the process exit code (0, or 1 if unreadable). */
export async function nlpAnalyzeCommand(inputPath: string): Promise<number> {
  const input = createReadStream(inputPath, { encoding: 'utf8' });
  let buffer: string[] = [];
  const flush = (): void => {
    if (buffer.length) process.stdout.write(`${buffer.join('\n')}\n`);
    buffer = [];
  };
  try {
    await analyzeNdjson(createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }), {
      out(line) {
        buffer.push(line);
        if (buffer.length >= 500) flush();
      },
      err(line) {
        flush(); // keep stdout and stderr in input order when both go to a terminal
        process.stderr.write(`${line}\n`);
      },
    });
  } catch (error) {
    flush();
    process.stderr.write(`cannot read ${inputPath}: ${(error as Error).message}\n`);
    return 1;
  }
  flush();
  return 0;
}
