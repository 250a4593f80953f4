/**
 * The moderation record as a PDF (pdfkit, standard Helvetica — WinAnsi covers German text): the
 * statistics per clause and month, then one block per action with its evidence. A small renderer
 * of our own because the reporting module's PDF helpers were not committed when this was written.
 */
import PDFDocument from 'pdfkit';
import type { ActionRow } from './moderation-record.ts';

type Stats = { rows: { month: string; action: string; clauseCode: string; clauseTitle: string; count: number; accounts: number }[]; totals: { actions: number; accounts: number } };

const ACTION_DE: Record<string, string> = { hide: 'Ausgeblendet', unhide: 'Wieder eingeblendet', delete: 'Gelöscht (in Resonanz)', warn: 'Verwarnt', block: 'Gesperrt', unblock: 'Entsperrt', mute: 'Stummgeschaltet', report: 'Gemeldet' };
const STATUS_DE: Record<string, string> = { executed: 'im Netzwerk ausgeführt', local_only: 'nur in Resonanz', failed: 'fehlgeschlagen', awaiting_confirmation: 'wartet auf Bestätigung', rejected: 'abgelehnt', requested: 'angefordert' };

/** Drops characters outside WinAnsi (emoji), which the standard fonts cannot draw. */
function safe(s: string): string {
  return [...s.normalize('NFC')].filter((ch) => { const c = ch.codePointAt(0)!; return c === 10 || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || '€‚„…–—‘’“”•'.includes(ch); }).join('');
}

export async function renderRecordPdf(input: { workspace: string; from: string; to: string; stats: Stats; actions: ActionRow[]; timeZone: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, lang: 'de-DE', info: { Title: safe(`Moderationsprotokoll ${input.workspace}`), Creator: 'Resonanz' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  const when = (iso: string) => new Date(iso).toLocaleString('de-DE', { timeZone: input.timeZone, dateStyle: 'medium', timeStyle: 'short' });

  doc.font('Helvetica-Bold').fontSize(16).text(safe(`Moderationsprotokoll – ${input.workspace}`));
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(safe(`Zeitraum ${input.from} bis ${input.to} · ${input.stats.totals.actions} Maßnahmen gegenüber ${input.stats.totals.accounts} Konten`));
  doc.moveDown();
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(12).text('Statistik nach Klausel und Monat');
  doc.font('Helvetica').fontSize(9);
  if (input.stats.rows.length === 0) doc.text('Keine Maßnahmen im Zeitraum.');
  for (const r of input.stats.rows) doc.text(safe(`${r.month}  ${ACTION_DE[r.action] ?? r.action}  ·  ${r.clauseTitle} (${r.clauseCode})  ·  ${r.count} Maßnahmen, ${r.accounts} Konten`));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(12).text('Maßnahmen mit Beweissicherung');
  for (const a of input.actions) {
    if (doc.y > doc.page.height - 170) doc.addPage();
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#000').text(safe(`${when(a.createdAt)} · ${ACTION_DE[a.action] ?? a.action} · ${STATUS_DE[a.status] ?? a.status}`));
    doc.font('Helvetica').fontSize(9).fillColor('#222')
      .text(safe(`Netiquette${a.netiquetteVersion ? ` (Fassung ${a.netiquetteVersion})` : ''}: ${a.clauseTitle} [${a.clauseCode}]`))
      .text(safe(`Begründung: ${a.reason}`))
      .text(safe(`Durch: ${a.actorName ?? (a.ruleId ? 'Regel (automatisch)' : '–')} · Netzwerk: ${a.network ?? '–'} · ${a.scope === 'local' ? 'nur in Resonanz möglich' : 'im Netzwerk'}`))
      .text(safe(`Autor/in: ${a.evidence.authorHandle ?? '–'}${a.evidence.authorName ? ` (${a.evidence.authorName})` : ''} · verfasst ${when(a.evidence.postedAt)}`))
      .text(safe(`Link: ${a.evidence.link ?? '–'}`));
    doc.font('Helvetica-Oblique').text(safe(`„${a.evidence.text}“`), { indent: 12 });
    doc.font('Helvetica').fontSize(7).fillColor('#666').text(safe(`Beweis gesichert ${when(a.evidence.capturedAt)} · SHA-256 ${a.evidenceHash}`));
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
