/**
 * Accuracy and speed of listening's language identification and built-in sentiment analyzer on
 * the VALIDATION splits of ../shared/data/sentiment (never used for training or tuning).
 *
 *   npm run bench:nlp
 *
 * Prints per-language macro-F1 with per-class F1 and the confusion matrix, language accuracy
 * (expected language = folder), throughput, and one `BENCH …` line per figure.
 */
import { readFileSync } from 'node:fs';
import { BuiltinSentimentAnalyzer } from '../server/modules/listening/nlp/builtin-analyzer.ts';
import { detectLanguage } from '../server/modules/listening/nlp/language-detector.ts';
import { classificationMetrics } from '../server/modules/listening/nlp/metrics.ts';
import { CLASSES } from '../server/modules/listening/nlp/sentiment-model.ts';

const DATA = new URL('../../shared/data/sentiment/', import.meta.url);
const LANGS = ['de', 'en'] as const;

function readSplit(lang: string, split: string): { texts: string[]; labels: number[] } {
  const labels = readFileSync(new URL(`${lang}/${split}_labels.txt`, DATA), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number);
  const texts = readFileSync(new URL(`${lang}/${split}_text.txt`, DATA), 'utf8').split('\n').slice(0, labels.length);
  return { texts, labels };
}

function printMatrix(confusion: number[][]): void {
  console.log(`  confusion (rows gold, columns predicted): ${CLASSES.map((c) => c.slice(0, 3)).join(' ')}`);
  confusion.forEach((row, g) => console.log(`    ${CLASSES[g]!.padEnd(8)} ${row.map((x) => String(x).padStart(4)).join('')}`));
}

const analyzer = new BuiltinSentimentAnalyzer({ mode: 'model' });
const lexiconOnly = new BuiltinSentimentAnalyzer({ mode: 'lexicon' });
let langCorrect = 0;
let langTotal = 0;
let undetermined = 0;
const results: string[] = [];

for (const lang of LANGS) {
  const { texts, labels } = readSplit(lang, 'val');
  for (const text of texts) {
    const guess = detectLanguage(text);
    langTotal++;
    if (guess.lang === lang) langCorrect++;
    if (guess.lang === null) undetermined++;
  }
  const predicted = texts.map((t) => CLASSES.indexOf(analyzer.analyzeSync(t, lang).sentiment));
  const m = classificationMetrics(labels, predicted, CLASSES.length);
  const lexPredicted = texts.map((t) => CLASSES.indexOf(lexiconOnly.analyzeSync(t, lang).sentiment));
  const lex = classificationMetrics(labels, lexPredicted, CLASSES.length);
  console.log(`sentiment ${lang} (val, n=${labels.length}): macro-F1 ${m.macroF1.toFixed(4)}, accuracy ${m.accuracy.toFixed(4)}`);
  console.log(`  per-class F1: ${CLASSES.map((c, i) => `${c} ${m.f1[i]!.toFixed(4)}`).join(', ')}`);
  printMatrix(m.confusion);
  console.log(`  lexicon rules alone: macro-F1 ${lex.macroF1.toFixed(4)} (${CLASSES.map((c, i) => `${c} ${lex.f1[i]!.toFixed(3)}`).join(', ')})`);
  results.push(`BENCH nlp.sentiment ${JSON.stringify({ lang, macro_f1: round(m.macroF1), n: labels.length })}`);
}

const accuracy = langCorrect / langTotal;
console.log(`language (val de+en, n=${langTotal}): accuracy ${accuracy.toFixed(4)}, undetermined ${undetermined}`);
results.push(`BENCH nlp.language ${JSON.stringify({ accuracy: round(accuracy), n: langTotal })}`);

// Throughput over all validation texts, repeated for a stable figure; language given and detected.
const all = LANGS.flatMap((lang) => readSplit(lang, 'val').texts.map((text) => ({ text, lang })));
const rounds = 10;
for (const [label, withLang] of [['language given', true], ['language detected', false]] as const) {
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const x of all) analyzer.analyzeSync(x.text, withLang ? x.lang : null);
  const seconds = (performance.now() - start) / 1000;
  console.log(`throughput (${label}): ${Math.round((all.length * rounds) / seconds)} texts/s`);
}

for (const line of results) console.log(line);

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
