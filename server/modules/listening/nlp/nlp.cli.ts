/**
 * `resonanz nlp analyze --input texts.ndjson [--model dir]`: one `{ id, lang, sentiment, score }`
 * line per input line `{ "id", "text", "lang"? }` (a given language is used, otherwise it is
 * detected). Bad lines are reported on stderr with their line number and skipped, so one broken
 * record never stops a batch. With `--model` (or `RESONANZ_SENTIMENT_MODEL`) an ONNX model
 * directory scores the texts instead of the built-in analyzer.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { BuiltinSentimentAnalyzer } from './builtin-analyzer.ts';
import { detectLanguage } from './language-detector.ts';
import { createAnalyzer, LoadingAnalyzer, type SentimentAnalyzer } from './sentiment-analyzer.ts';

export interface LineSink {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Analyses NDJSON lines and writes the results to `sink`; returns the number of skipped lines.
 * Separate from the command so that tests need neither files nor a process.
 */
export async function analyzeNdjson(
  lines: AsyncIterable<string> | Iterable<string>, sink: LineSink, analyzer: SentimentAnalyzer = new BuiltinSentimentAnalyzer({ mode: 'model' }),
): Promise<number> {
  // The built-in analyzer has a synchronous path; it avoids a promise per line on large files.
  const builtin = analyzer instanceof BuiltinSentimentAnalyzer ? analyzer : null;
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
    const { id = null, text, lang: declared } = record as { id?: unknown; text: string; lang?: unknown };
    const lang = typeof declared === 'string' && /^[a-z]{2,3}([-_].*)?$/i.test(declared) ? declared.slice(0, declared.search(/[-_]|$/)).toLowerCase() : detectLanguage(text).lang;
    const { sentiment, score } = builtin ? builtin.analyzeSync(text, lang) : await analyzer.analyze(text, lang);
    sink.out(JSON.stringify({ id, lang, sentiment, score }));
  }
  return skipped;
}

/**
 * Runs `nlp analyze` on an NDJSON file; returns the process exit code (0, or 1 if the input is
 * unreadable or the model cannot be loaded).
 */
export async function nlpAnalyzeCommand(inputPath: string, modelDir?: string): Promise<number> {
  let analyzer: SentimentAnalyzer | undefined;
  if (modelDir) {
    analyzer = createAnalyzer({ kind: 'onnx', modelDir });
    try {
      await (analyzer as LoadingAnalyzer).ready();
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 1;
    }
  }
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
    }, analyzer);
  } catch (error) {
    flush();
    process.stderr.write(`cannot read ${inputPath}: ${(error as Error).message}\n`);
    return 1;
  }
  flush();
  return 0;
}
