import { describe, expect, it } from 'vitest';
import { drillScript } from './drill-script.ts';

describe('drill scripts', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(drillScript('shitstorm', 30, 7)).toEqual(drillScript('shitstorm', 30, 7));
    expect(drillScript('shitstorm', 30, 7)).not.toEqual(drillScript('shitstorm', 30, 8));
  });

  it('rise: each third of the drill brings more items than the one before, in time order', () => {
    const items = drillScript('false_report', 30, 3);
    const third = (k: number) => items.filter((i) => i.offsetS >= k * 600 && i.offsetS < (k + 1) * 600).length;
    expect(third(0)).toBeLessThan(third(1));
    expect(third(1)).toBeLessThan(third(2));
    expect(items.map((i) => i.offsetS)).toEqual([...items.map((i) => i.offsetS)].sort((a, b) => a - b));
    expect(items.every((i) => i.offsetS < 30 * 60)).toBe(true);
  });

  it('write German mentions and comments about the scenario', () => {
    const items = drillScript('technical_outage', 20, 1);
    expect(items.some((i) => i.kind === 'comment' && i.text.startsWith('@amt'))).toBe(true);
    expect(items.some((i) => i.kind === 'mention' && i.text.endsWith('#Beispielamt'))).toBe(true);
    expect(items.some((i) => /Portal|Hotline|Fehlermeldung/.test(i.text))).toBe(true);
  });
});
