/**
 * The PDF toolkit of reports and the strategy document, on pdfkit (pure JavaScript, the 14
 * standard fonts): an A4 document that collects into a Buffer, the house colours, text that the
 * standard fonts can encode, and the page furniture (footer with page numbers, headings that do
 * not end up alone at the bottom of a page).
 */
import PDFDocument from 'pdfkit';

export type Doc = PDFKit.PDFDocument;

export const COLOR = {
  ink: '#1a1b1e',
  muted: '#555b63',
  faint: '#868e96',
  rule: '#dee2e6',
  band: '#1f3a68',
  bandText: '#ffffff',
  bandMuted: '#c5d1e8',
  accent: '#3b5bdb',
  previous: '#adb5bd',
  good: '#2b8a3e',
  warn: '#c2410c',
  bad: '#c92a2a',
  neutral: '#868e96',
  track: '#e9ecef',
  tile: '#f4f6fa',
} as const;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
export const PAGE = { width: 595.28, height: 841.89, margin: 42 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/**
 * Characters the standard fonts (WinAnsi) can show; everything else is replaced by a close ASCII
 * form or dropped, so an emoji in a goal title never breaks a report.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACE: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '−': '-', '…': '...', '✓': 'x', '✔': 'x', '█': '#', '░': '.', '\u00a0': ' ', '\u202f': ' ' };
export function safe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (REPLACE[ch] !== undefined && !WIN_ANSI_EXTRA.has(ch)) out += REPLACE[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
  }
  return out;
}

export interface NewDoc {
  doc: Doc;
  /** Finishes the document (footers on every page) and resolves with its bytes. */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer>;
}

export function createDoc(info: { title: string; author: string; lang: 'de' | 'en' }): NewDoc {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: PAGE.margin, bottom: PAGE.margin + 14, left: PAGE.margin, right: PAGE.margin }, bufferPages: true,
    lang: info.lang === 'de' ? 'de-DE' : 'en-GB', displayTitle: true,
    info: { Title: safe(info.title), Author: safe(info.author), Creator: 'Resonanz' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  return {
    doc,
    async finish(footer) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // The footer sits inside the bottom margin; a zero bottom margin keeps pdfkit from breaking the page.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.font(FONT.regular).fontSize(7).fillColor(COLOR.faint)
          .text(safe(footer(i + 1, range.count)), PAGE.margin, PAGE.height - PAGE.margin + 2, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

export const bottomOf = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when less than `needed` points are left. */
export function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > bottomOf(doc)) doc.addPage();
}

/** A section heading with a thin rule; kept together with at least `keep` points of what follows. */
export function heading(doc: Doc, text: string, keep = 80, size = 13): void {
  ensureSpace(doc, keep + size + 12);
  doc.moveDown(0.3);
  const y = doc.y;
  doc.font(FONT.bold).fontSize(size).fillColor(COLOR.ink).text(safe(text), PAGE.margin, y, { width: CONTENT_WIDTH });
  const after = doc.y + 2;
  doc.moveTo(PAGE.margin, after).lineTo(PAGE.margin + CONTENT_WIDTH, after).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
  doc.x = PAGE.margin;
  doc.y = after + 6;
}

export function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string; font?: string; width?: number; x?: number } = {}): void {
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? 9.5).fillColor(opts.color ?? COLOR.ink)
    .text(safe(text), opts.x ?? PAGE.margin, doc.y, { width: opts.width ?? CONTENT_WIDTH, lineGap: 1.5 });
  doc.x = PAGE.margin;
}

/** `text` shortened with "…" so that it fits `width` in the current font (one line, never wrapped). */
export function fit(doc: Doc, text: string, width: number): string {
  const s = safe(text);
  if (doc.widthOfString(s) <= width) return s;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${s.slice(0, mid).trimEnd()}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${s.slice(0, lo).trimEnd()}…`;
}
