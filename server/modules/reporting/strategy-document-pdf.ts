/**
 * The strategy document as PDF, with the report renderer's toolkit (same fonts, colours, tables
 * and bars): a title band, then the document's blocks in order.
 */
import type { Block, Run, StrategyDocument } from '../strategy/strategy-document.ts';
import { progressBar } from './pdf/pdf-charts.ts';
import { COLOR, CONTENT_WIDTH, createDoc, ensureSpace, FONT, heading, PAGE, safe, type Doc } from './pdf/pdf-doc.ts';
import { table } from './pdf/pdf-table.ts';

function runs(doc: Doc, rs: Run[], x: number, width: number, size = 9.5): void {
  doc.fontSize(size).fillColor(COLOR.ink);
  rs.forEach((r, i) => {
    doc.font(r.bold ? FONT.bold : r.italic ? FONT.italic : FONT.regular)
      .text(safe(r.text), i === 0 ? x : undefined, i === 0 ? doc.y : undefined, { width, continued: i < rs.length - 1, lineGap: 1.5 });
  });
  doc.x = PAGE.margin;
}

function block(doc: Doc, b: Block): void {
  switch (b.kind) {
    case 'h1':
      return; // the title band shows it
    case 'h2':
      heading(doc, b.text, 60, 14);
      return;
    case 'h3':
      ensureSpace(doc, 50);
      doc.moveDown(0.3).font(FONT.bold).fontSize(10.5).fillColor(COLOR.band).text(safe(b.text), PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.2);
      return;
    case 'p':
      ensureSpace(doc, 16);
      runs(doc, b.runs, PAGE.margin, CONTENT_WIDTH);
      doc.moveDown(0.4);
      return;
    case 'bullets':
      for (const item of b.items) {
        ensureSpace(doc, 14);
        const y = doc.y;
        doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.accent).text('•', PAGE.margin + 4, y, { lineBreak: false });
        doc.y = y;
        runs(doc, item, PAGE.margin + 16, CONTENT_WIDTH - 16);
        doc.moveDown(0.15);
      }
      doc.moveDown(0.3);
      return;
    case 'table':
      table(doc, b.header.map((h, i) => ({ header: h, width: i === 0 ? 3 : 1.4, align: i >= 2 && i <= 3 ? 'right' as const : 'left' as const })), b.rows.map((cells) => ({ cells })), { size: 7.5 });
      return;
    case 'progress': {
      ensureSpace(doc, 20);
      const y = doc.y;
      doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted).text(safe(b.label), PAGE.margin, y, { lineBreak: false });
      const color = b.value >= 67 ? COLOR.good : b.value >= 34 ? COLOR.warn : COLOR.bad;
      progressBar(doc, { x: PAGE.margin + 70, y: y + 2, w: 150, h: 6 }, b.value, color);
      doc.font(FONT.bold).fontSize(8.5).fillColor(COLOR.ink).text(safe(`${b.value} %`), PAGE.margin + 228, y, { lineBreak: false });
      doc.font(FONT.regular).fillColor(COLOR.muted).text(safe(b.caption), PAGE.margin + 262, y, { width: CONTENT_WIDTH - 262 });
      doc.x = PAGE.margin;
      doc.moveDown(0.4);
      return;
    }
    case 'warning': {
      ensureSpace(doc, 30);
      const y = doc.y;
      const h = doc.font(FONT.bold).fontSize(9).heightOfString(safe(b.text), { width: CONTENT_WIDTH - 20 }) + 12;
      doc.rect(PAGE.margin, y, 3, h).fill(COLOR.warn);
      doc.fillColor(COLOR.warn).text(safe(b.text), PAGE.margin + 12, y + 6, { width: CONTENT_WIDTH - 20 });
      doc.x = PAGE.margin;
      doc.y = y + h + 6;
      return;
    }
    case 'rule':
      ensureSpace(doc, 20);
      doc.moveDown(0.5).moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + CONTENT_WIDTH, doc.y).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      doc.moveDown(0.5);
      return;
  }
}

export async function renderStrategyPdf(d: StrategyDocument, organisation: string, asOf: string): Promise<Buffer> {
  const { doc, finish } = createDoc({ title: d.title, author: organisation, lang: d.lang });
  const titleHeight = doc.font(FONT.bold).fontSize(20).heightOfString(safe(d.title), { width: CONTENT_WIDTH });
  const bandHeight = 44 + titleHeight + 22;
  doc.rect(0, 0, PAGE.width, bandHeight).fill(COLOR.band);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.bandMuted).text(safe(organisation.toUpperCase()), PAGE.margin, 28, { width: CONTENT_WIDTH, characterSpacing: 0.6 });
  doc.font(FONT.bold).fontSize(20).fillColor(COLOR.bandText).text(safe(d.title), PAGE.margin, 44, { width: CONTENT_WIDTH });
  doc.x = PAGE.margin;
  doc.y = bandHeight + 16;
  // The "as of" line is the first paragraph of the blocks; it reads well right under the band.
  for (const b of d.blocks) block(doc, b);
  return finish((p, n) => `${d.title} · ${asOf} · ${d.lang === 'de' ? `Seite ${p} von ${n}` : `Page ${p} of ${n}`}`);
}
