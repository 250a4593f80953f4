/**
 * Re-trains `sentiment-weights.<lang>.json` from the TRAIN split only (the validation split stays
 * untouched for the benchmark). Run after changing a word list or a feature:
 *
 *   npx node server/modules/listening/nlp/tools/train-sentiment.ts [dataDir]
 *
 * dataDir defaults to ../shared/data/sentiment (relative to the repository) and holds
 * `<lang>/train_text.txt` and `<lang>/train_labels.txt` (0 negative, 1 neutral, 2 positive).
 * The written files hold feature names (words, emoji, lexicon signals) and weights, no texts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compileLexicon } from '../lexicon-lookup.ts';
import { germanLexicon } from '../lexicon.de.ts';
import { englishLexicon } from '../lexicon.en.ts';
import { extractFeatures } from '../sentiment-features.ts';
import { trainSoftmax, type TrainOptions } from '../sentiment-model.ts';
import { tokenize } from '../text-normalize.ts';

// Chosen by 5-fold cross-validation on the train splits (see the nlp README in the report).
const OPTIONS: TrainOptions = { l2: 0.01, l2Dense: 0.001, iterations: 300, learningRate: 0.05, minCount: 2 };
const LEXICONS = { de: germanLexicon, en: englishLexicon };

const dataDir = process.argv[2]
  ? new URL(`file://${process.argv[2].replace(/\/?$/, '/')}`)
  : new URL('../../../../../../shared/data/sentiment/', import.meta.url);

for (const [lang, lexicon] of Object.entries(LEXICONS)) {
  const compiled = compileLexicon(lexicon);
  const texts = readFileSync(new URL(`${lang}/train_text.txt`, dataDir), 'utf8').split('\n');
  const labels = readFileSync(new URL(`${lang}/train_labels.txt`, dataDir), 'utf8').split('\n');
  const samples = [];
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]?.trim();
    if (!label) continue;
    const text = texts[i] ?? '';
    samples.push({ features: extractFeatures(text, tokenize(text), compiled).features, label: Number(label) });
  }
  const note = `logistic regression on ${samples.length} train samples; options ${JSON.stringify(OPTIONS)}`;
  const model = trainSoftmax(samples, OPTIONS, lang, note);
  const out = new URL(`../sentiment-weights.${lang}.json`, import.meta.url);
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  console.log(`${lang}: ${samples.length} samples, ${Object.keys(model.weights).length} features → ${out.pathname}`);
}
