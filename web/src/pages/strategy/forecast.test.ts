import { describe, expect, it } from 'vitest';
import { barValue, scoreColor } from './forecast.ts';

describe('barValue', () => {
  it('clamps to 0–100 and rounds', () => {
    expect(barValue(42.6)).toBe(43);
    expect(barValue(130)).toBe(100);
    expect(barValue(-5)).toBe(0);
  });
  it('treats missing data as an empty bar', () => {
    expect(barValue(null)).toBe(0);
    expect(barValue(undefined)).toBe(0);
    expect(barValue(Number.NaN)).toBe(0);
  });
});

describe('scoreColor', () => {
  it('moves from red over orange to teal', () => {
    expect(scoreColor(10)).toBe('red.8');
    expect(scoreColor(50)).toBe('orange.8');
    expect(scoreColor(80)).toBe('teal.8');
  });
});
