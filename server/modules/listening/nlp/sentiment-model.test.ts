import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './metrics.ts';
import { predictProba, trainSoftmax, type Sample } from './sentiment-model.ts';

const sample = (words: string[], label: number): Sample => ({ features: new Map(words.map((w) => [`w:${w}`, 1])), label });

describe('trainSoftmax', () => {
  const samples = [
    sample(['awful', 'day'], 0),
    sample(['awful', 'food'], 0),
    sample(['bus', 'day'], 1),
    sample(['bus', 'food'], 1),
    sample(['lovely', 'day'], 2),
    sample(['lovely', 'food'], 2),
  ];
  const opts = { l2: 0.001, l2Dense: 0.001, iterations: 200, learningRate: 0.1, minCount: 2 };

  it('learns which words carry which class', () => {
    const model = trainSoftmax(samples, opts, 'xx', 'test');
    for (const s of samples) {
      const p = predictProba(model, s.features);
      expect(p.indexOf(Math.max(...p))).toBe(s.label);
    }
  });

  it('is deterministic and drops rare words', () => {
    const a = trainSoftmax([...samples, sample(['once'], 2)], opts, 'xx', 'test');
    const b = trainSoftmax([...samples, sample(['once'], 2)], opts, 'xx', 'test');
    expect(a).toEqual(b);
    expect(a.weights['w:once']).toBeUndefined();
  });
});

describe('classificationMetrics', () => {
  it('computes per-class F1, macro-F1 and the confusion matrix', () => {
    const m = classificationMetrics([0, 0, 1, 2], [0, 1, 1, 2], 3);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(m.f1[0]).toBeCloseTo(2 / 3);
    expect(m.f1[1]).toBeCloseTo(2 / 3);
    expect(m.f1[2]).toBe(1);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
    expect(m.accuracy).toBe(0.75);
  });
});
