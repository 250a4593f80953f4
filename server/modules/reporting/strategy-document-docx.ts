/**
 * The strategy document as DOCX (the `docx` package), for offices that edit the text further in
 * Word or LibreOffice: real headings (navigable), bullet lists, tables with a header row, status
 * bars as shaded cells.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Run, StrategyDocument } from '../strategy/strategy-document.ts';

const ACCENT = '1F3A68';
const text = (rs: Run[], size?: number) => rs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size }));
const thin = { style: BorderStyle.SINGLE, size: 4, color: 'DEE2E6' };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

function table(header: string[], rows: string[][]): Table {
  const cell = (s: string, head: boolean) => new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text: s, bold: head, size: 16, color: head ? 'FFFFFF' : undefined })] })],
    shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: ACCENT } : undefined,
    borders,
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) }))],
  });
}

/** A status bar: one row of ten cells, the first `value / 10` shaded. */
function bar(label: string, value: number, caption: string): (Paragraph | Table)[] {
  const filled = Math.round(value / 10);
  const fill = value >= 67 ? '2B8A3E' : value >= 34 ? 'C2410C' : 'C92A2A';
  return [
    new Paragraph({ children: [new TextRun({ text: `${label}: `, color: '555B63' }), new TextRun({ text: `${value} %`, bold: true }), new TextRun({ text: ` ${caption}`, color: '555B63' })] }),
    new Table({
      width: { size: 40, type: WidthType.PERCENTAGE },
      rows: [new TableRow({
        height: { value: 120, rule: 'exact' },
        children: Array.from({ length: 10 }, (_, i) => new TableCell({
          children: [new Paragraph({ children: [] })],
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: i < filled ? fill : 'E9ECEF' },
          borders: { top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.SINGLE, size: 8, color: 'FFFFFF' }, right: { style: BorderStyle.SINGLE, size: 8, color: 'FFFFFF' } },
        })),
      })],
    }),
    new Paragraph({ children: [] }),
  ];
}

function children(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'h1': return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: b.text, color: ACCENT })] })];
    case 'h2': return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: b.text })] })];
    case 'h3': return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: b.text })] })];
    case 'p': return [new Paragraph({ children: text(b.runs), spacing: { after: 120 } })];
    case 'bullets': return b.items.map((i) => new Paragraph({ children: text(i), bullet: { level: 0 } }));
    case 'table': return [table(b.header, b.rows), new Paragraph({ children: [] })];
    case 'progress': return bar(b.label, b.value, b.caption);
    case 'warning': return [new Paragraph({ children: [new TextRun({ text: b.text, bold: true, color: 'C2410C' })], border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C2410C', space: 6 } } })];
    case 'rule': return [new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'DEE2E6', space: 1 } } })];
  }
}

export async function renderStrategyDocx(d: StrategyDocument, organisation: string): Promise<Buffer> {
  const doc = new Document({
    creator: 'Resonanz',
    title: d.title,
    description: organisation,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [{ children: [new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: organisation.toUpperCase(), color: '555B63', size: 18 })] }), ...d.blocks.flatMap(children)] }],
  });
  return Packer.toBuffer(doc);
}
