import { describe, expect, it } from 'vitest';
import { dayBoundary, formatDate, formatDateTime, formatNumber, localeTag } from './format.ts';

describe('format', () => {
  it('formats dates per UI language in the workspace time zone', () => {
    const iso = '2025-03-12T13:05:00.000Z';
    expect(formatDateTime(iso, 'de', 'Europe/Berlin')).toBe('12.03.2025, 14:05');
    expect(formatDateTime(iso, 'en', 'Europe/Berlin')).toBe('12 Mar 2025, 14:05');
    expect(formatDate(iso, 'de', 'UTC')).toBe('12.03.2025');
  });

  it('falls back instead of throwing on bad input', () => {
    expect(formatDateTime('not a date', 'de')).toBe('not a date');
    expect(formatDate('2025-03-12T00:00:00Z', 'de', 'Mars/Olympus')).toMatch(/2025/);
    expect(localeTag('fr')).toBe('de-DE');
  });

  it('formats numbers with the local grouping', () => {
    expect(formatNumber(1234567, 'de')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
  });

  it('turns a picked day into the start or end instant of that local day', () => {
    const start = dayBoundary('2025-03-12', 'start')!;
    const end = dayBoundary('2025-03-12', 'end')!;
    expect(new Date(end).getTime() - new Date(start).getTime()).toBe(86_400_000 - 1);
    expect(new Date(start).getDate()).toBe(12);
    expect(dayBoundary('12.03.2025', 'start')).toBeUndefined();
    expect(dayBoundary('', 'end')).toBeUndefined();
  });
});
