import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseMention } from '../ingest/mention-analysis.ts';
import { ModelLoadError, OnnxSentimentAnalyzer, sentimentOfLabel } from './onnx-analyzer.ts';
import { createAnalyzer, LoadingAnalyzer, sharedAnalyzer } from './sentiment-analyzer.ts';
import { writeTinySentimentModel } from './test/tiny-onnx-model.ts';

const root = mkdtempSync(join(tmpdir(), 'resonanz-onnx-'));
const modelDir = join(root, 'tiny');
const swappedDir = join(root, 'swapped');
const CLI = new URL('../../../cli.ts', import.meta.url).pathname;

beforeAll(async () => {
  await writeTinySentimentModel(modelDir);
  // Labels in reverse order: a result that follows them proves the model, not the built-in analyzer, scored.
  await writeTinySentimentModel(swappedDir, ['POSITIVE', 'NEUTRAL', 'NEGATIVE']);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ONNX sentiment model from a local directory', () => {
  it('loads a model made here (no download) and scores through the analyzer interface', async () => {
    const analyzer = await OnnxSentimentAnalyzer.load(modelDir);
    expect(await analyzer.analyze('Der Zug ist super', 'de')).toMatchObject({ sentiment: 'positive' });
    expect(await analyzer.analyze('Das war furchtbar schlecht', 'de')).toMatchObject({ sentiment: 'negative' });
    expect(await analyzer.analyze('Der Zug', 'de')).toMatchObject({ sentiment: 'neutral' });
    const p = await analyzer.probabilities('good train');
    expect(p).toHaveLength(3);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // score = P(positive) − P(negative): computed from the model's logits [0, 1, 3] for "good train".
    const e = [Math.exp(0), Math.exp(1), Math.exp(3)];
    const sum = e[0]! + e[1]! + e[2]!;
    expect((await analyzer.analyze('good train', 'en')).score).toBeCloseTo((e[2]! - e[0]!) / sum, 3);
    await analyzer.close();
  });

  it('is what createAnalyzer and the instance setting RESONANZ_SENTIMENT_MODEL give, and serves concurrent calls', async () => {
    const configured = sharedAnalyzer({ RESONANZ_SENTIMENT_MODEL: swappedDir });
    expect(configured).toBeInstanceOf(LoadingAnalyzer);
    expect(sharedAnalyzer({ RESONANZ_SENTIMENT_MODEL: swappedDir })).toBe(configured);
    const results = await Promise.all(['super', 'awful', 'the train', 'gut gut'].map((t) => configured.analyze(t, null)));
    expect(results.map((r) => r.sentiment)).toEqual(['negative', 'positive', 'neutral', 'negative']);
    expect(sharedAnalyzer({})).not.toBeInstanceOf(LoadingAnalyzer);
  });

  it('is used by the ingest analysis of a mention', async () => {
    const m = await analyseMention({ network: 'bluesky', externalId: 'x', text: 'awful, awful train', publishedAt: new Date(0), author: 'a', url: null, title: null, lang: 'en' } as never, createAnalyzer({ kind: 'onnx', modelDir: swappedDir }));
    expect(m.sentiment).toBe(1);
  });

  it('truncates long texts to the model length instead of failing', async () => {
    const analyzer = await OnnxSentimentAnalyzer.load(modelDir);
    const r = await analyzer.analyze(`${'super '.repeat(2000)}`, 'en');
    expect(r.sentiment).toBe('positive');
  });

  it('maps the usual label conventions and refuses labels it cannot map', async () => {
    expect(sentimentOfLabel('LABEL_0', 0, 3)).toBe('negative');
    expect(sentimentOfLabel('LABEL_1', 1, 3)).toBe('neutral');
    expect(sentimentOfLabel('LABEL_1', 1, 2)).toBe('positive');
    expect(sentimentOfLabel('2 stars', 1, 5)).toBe('negative');
    expect(sentimentOfLabel('3 stars', 2, 5)).toBe('neutral');
    expect(sentimentOfLabel('5 stars', 4, 5)).toBe('positive');
    expect(sentimentOfLabel('Positive', 2, 3)).toBe('positive');
    expect(sentimentOfLabel('joy', 0, 6)).toBeNull();
    const dir = join(root, 'emotions');
    await writeTinySentimentModel(dir, ['anger', 'joy', 'fear']);
    await expect(OnnxSentimentAnalyzer.load(dir)).rejects.toThrow(/class 0 \("anger"\) is not a sentiment label/);
  });

  it('fails loudly, naming the problem, for a directory that is not a usable model', async () => {
    await expect(OnnxSentimentAnalyzer.load(join(root, 'nowhere'))).rejects.toThrow(ModelLoadError);
    const broken = join(root, 'broken');
    await writeTinySentimentModel(broken);
    await rm(join(broken, 'onnx'), { recursive: true });
    await expect(OnnxSentimentAnalyzer.load(broken)).rejects.toThrow(/no ONNX file/);
    await mkdir(join(broken, 'onnx'));
    await writeFile(join(broken, 'onnx', 'model.onnx'), 'not a protobuf');
    await expect(OnnxSentimentAnalyzer.load(broken)).rejects.toThrow(/cannot be loaded/);
    await writeFile(join(broken, 'config.json'), '{');
    await expect(OnnxSentimentAnalyzer.load(broken)).rejects.toThrow(/config.json is not valid JSON/);
    const lazy = createAnalyzer({ kind: 'onnx', modelDir: join(root, 'nowhere') });
    await expect(lazy.analyze('gut', 'de')).rejects.toThrow(/not a directory/);
    await expect((lazy as LoadingAnalyzer).ready()).rejects.toThrow(ModelLoadError);
  });

  it('resonanz nlp analyze --model scores with the model; a bad model directory exits 1', () => {
    const input = join(root, 'texts.ndjson');
    writeFileSync(input, [JSON.stringify({ id: 1, text: 'super super', lang: 'de-AT' }), JSON.stringify({ id: 2, text: 'This was an awful, awful train ride' })].join('\n'));
    const ok = spawnSync(process.execPath, [CLI, 'nlp', 'analyze', '--input', input, '--model', swappedDir], { encoding: 'utf8', timeout: 60_000 });
    expect(ok.status).toBe(0);
    const lines = ok.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.lang, l.sentiment])).toEqual([[1, 'de', 'negative'], [2, 'en', 'positive']]);
    const bad = spawnSync(process.execPath, [CLI, 'nlp', 'analyze', '--input', input, '--model', join(root, 'nowhere')], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not a directory/);
  }, 120_000);
});
