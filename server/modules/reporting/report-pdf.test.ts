import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf/pdf-text.ts';
import { safe } from './pdf/pdf-doc.ts';
import { reportFixture } from './report-fixture.ts';
import { renderReportPdf, summaryText } from './report-pdf.ts';

describe('report PDF', () => {
  it('puts title, period, organisation, key figures, goals with forecast and readiness on the first page', async () => {
    const pdf = await renderReportPdf(reportFixture('de'), 'Europe/Berlin');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const s of ['Monatsbericht Social Media', 'März 2025', 'BUNDESAMT FÜR BEISPIELWESEN', 'Kennzahlen auf einen Blick', '3.120', '+8 %',
      '5.000 Follower auf Bluesky', 'nicht im Plan', 'gefährdet', 'im Plan', 'Reaktionszeiten', 'Tonalität der Erwähnungen', 'Share of Voice', 'Social-Media-Reife', 'Gesamt 58 %']) {
      expect(text).toContain(s);
    }
    // Detail pages: one chart per KPI, the goal table and the definitions from the catalogue.
    expect(text).toContain('Kennzahlen im Detail');
    expect(text).toContain('Definitionen');
    expect(text).toMatch(/Seite 1 von \d/);
  });

  it('writes English when the report is English', async () => {
    const text = pdfText(await renderReportPdf(reportFixture('en'), 'Europe/Berlin'));
    expect(text).toContain('Monthly social media report');
    expect(text).toContain('March 2025');
    expect(text).toContain('Goal achievement');
    expect(text).not.toContain('Zielerreichung');
  });

  it('shows an explicit empty state for a period without data, and no detail pages', async () => {
    const text = pdfText(await renderReportPdf(reportFixture('de', { empty: true }), 'Europe/Berlin'));
    expect(text).toContain('Für diesen Zeitraum liegen keine Daten vor');
    expect(text).not.toContain('Kennzahlen im Detail');
    expect(text).toContain('Seite 1 von 1');
  });

  it('survives text the standard fonts cannot show (emoji, arrows) without failing', async () => {
    const data = reportFixture('de');
    data.goals[0]!.title = 'Mehr Reichweite 🚀 → 10k ≥ Ziel';
    const text = pdfText(await renderReportPdf(data, 'Europe/Berlin'));
    expect(text).toContain('Mehr Reichweite  -> 10k >= Ziel');
    expect(safe('a\u0000b😀c')).toBe('abc');
  });

  it('summarises goals by forecast and names the largest movements', () => {
    expect(summaryText(reportFixture('de'), 'de')).toBe('Von 3 Zielen ist 1 im Plan, 1 gefährdet und 1 nicht im Plan. Größte Veränderungen gegenüber Februar 2025: Erste Antwortzeit (Median) -22,9 % und Veröffentlichte Beiträge +20 %.');
    expect(summaryText(reportFixture('en'), 'en')).toMatch(/^Of 3 goals, 1 is on track, 1 at risk and 1 off track\./);
  });
});
