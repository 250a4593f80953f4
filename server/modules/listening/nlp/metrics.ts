/** Classification metrics for the accuracy benchmark and the trainer. */

export interface ClassMetrics {
  /** confusion[gold][predicted] */
  confusion: number[][];
  f1: number[];
  macroF1: number;
  accuracy: number;
}

/** Per-class F1, macro-F1, accuracy and the confusion matrix for labels 0…k-1. */
export function classificationMetrics(gold: readonly number[], predicted: readonly number[], k: number): ClassMetrics {
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    confusion[g]![p]!++;
    if (g === p) correct++;
  });
  const f1 = confusion.map((row, c) => {
    const tp = row[c]!;
    const fp = confusion.reduce((s, r, g) => s + (g === c ? 0 : r[c]!), 0);
    const fn = row.reduce((s, x, p) => s + (p === c ? 0 : x), 0);
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return { confusion, f1, macroF1: f1.reduce((a, b) => a + b, 0) / k, accuracy: gold.length ? correct / gold.length : 0 };
}
