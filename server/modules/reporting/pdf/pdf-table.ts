/** A simple PDF table: header row repeated after a page break, zebra rows, right-aligned numbers. */
import { bottomOf, COLOR, FONT, PAGE, safe, type Doc } from './pdf-doc.ts';

export interface Column {
  header: string;
  /** Share of the table width (the shares are normalised). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableRow {
  cells: string[];
  /** Colour per cell (e.g. a forecast state); default ink. */
  colors?: (string | undefined)[];
  bold?: boolean;
}

export function table(doc: Doc, columns: Column[], rows: TableRow[], opts: { x?: number; width?: number; size?: number } = {}): void {
  const x0 = opts.x ?? PAGE.margin;
  const width = opts.width ?? doc.page.width - 2 * PAGE.margin;
  const size = opts.size ?? 8;
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / sum) * width);
  const pad = 3;

  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(safe(c), { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const draw = (cells: string[], font: string, colors: (string | undefined)[] | undefined, fill: string | null, color: string) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    if (fill) doc.rect(x0, y, width, h).fill(fill);
    let x = x0;
    cells.forEach((c, i) => {
      doc.font(font).fontSize(size).fillColor(colors?.[i] ?? color)
        .text(safe(c), x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc.moveTo(x0, y + h).lineTo(x0 + width, y + h).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
    doc.y = y + h;
  };
  const header = () => draw(columns.map((c) => c.header), FONT.bold, undefined, null, COLOR.muted);

  if (doc.y + heightOf(columns.map((c) => c.header), FONT.bold) * 2 > bottomOf(doc)) doc.addPage();
  header();
  rows.forEach((r, i) => {
    if (doc.y + heightOf(r.cells, r.bold ? FONT.bold : FONT.regular) > bottomOf(doc)) {
      doc.addPage();
      header();
    }
    draw(r.cells, r.bold ? FONT.bold : FONT.regular, r.colors, i % 2 === 1 ? '#f8f9fa' : null, COLOR.ink);
  });
  doc.x = PAGE.margin;
  doc.moveDown(0.6);
}
