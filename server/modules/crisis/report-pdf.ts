/**
 * Renders the frozen report summary as an A4 PDF with pdfkit (standard Helvetica: German umlauts,
 * „“ and – are in its encoding): key figures, the volume and sentiment chart of the crisis window,
 * response times, statements, decisions, tasks (late ones marked) and the full timeline. Times are
 * shown in the workspace's time zone.
 */
import PDFDocument from 'pdfkit';
import type { ReportSummary } from '../../../common/schemas/crisis.ts';

type Lang = 'de' | 'en';
type Doc = PDFKit.PDFDocument;

const L = {
  de: {
    title: 'Bericht nach dem Krisenfall', drillTitle: 'Übungsbericht', drillBanner: 'ÜBUNG – nichts davon wurde veröffentlicht',
    period: 'Zeitraum', playbook: 'Playbook', level: 'Stufe', duration: 'Dauer', minutes: 'Min.', mentions: 'Erwähnungen', negative: 'davon negativ',
    inbox: 'Kommentare/Posteingang', handled: 'bearbeitet', ackMedian: 'Bestätigung (Median)', firstStatement: 'Erstes Statement nach', handleMedian: 'Bearbeitung (Median)',
    volume: 'Volumen und Stimmung', neg: 'negativ', neu: 'neutral', pos: 'positiv', responses: 'Reaktionszeiten des Krisenteams', person: 'Person', role: 'Funktion', ack: 'Bestätigt nach',
    notAck: 'nicht bestätigt', statements: 'Statements', none: 'Keine.', channels: 'Kanäle', preApproved: 'vorab freigegeben', published: 'veröffentlicht', notPublished: 'nicht veröffentlicht',
    decisions: 'Entscheidungen', who: 'Wer', what: 'Was', why: 'Warum', tasks: 'Aufgaben', task: 'Aufgabe', owner: 'Verantwortlich', due: 'Fällig', done: 'Erledigt', late: 'verspätet', open: 'offen',
    timeline: 'Zeitleiste', when: 'Wann', event: 'Ereignis', details: 'Details', generated: 'Erstellt', page: 'Seite', summary: 'Abschluss',
  },
  en: {
    title: 'Post-crisis report', drillTitle: 'Drill report', drillBanner: 'DRILL – nothing of this was published',
    period: 'Period', playbook: 'Playbook', level: 'Level', duration: 'Duration', minutes: 'min', mentions: 'Mentions', negative: 'negative',
    inbox: 'Comments/inbox', handled: 'handled', ackMedian: 'Acknowledgement (median)', firstStatement: 'First statement after', handleMedian: 'Handling (median)',
    volume: 'Volume and sentiment', neg: 'negative', neu: 'neutral', pos: 'positive', responses: 'Crisis team response times', person: 'Person', role: 'Function', ack: 'Acknowledged after',
    notAck: 'not acknowledged', statements: 'Statements', none: 'None.', channels: 'Channels', preApproved: 'pre-approved', published: 'published', notPublished: 'not published',
    decisions: 'Decisions', who: 'Who', what: 'What', why: 'Why', tasks: 'Tasks', task: 'Task', owner: 'Owner', due: 'Due', done: 'Done', late: 'late', open: 'open',
    timeline: 'Timeline', when: 'When', event: 'Event', details: 'Details', generated: 'Generated', page: 'Page', summary: 'Closing summary',
  },
} as const;

/** Names of timeline entries (crisis-events.ts kinds). */
const KINDS: Record<Lang, Record<string, string>> = {
  de: {
    proposed: 'Vorgeschlagen', signal: 'Weiteres Signal', confirmed: 'Bestätigt', activated: 'Ausgerufen', dismissed: 'Verworfen', pause_effective: 'Pause wirksam',
    called: 'Alarmiert', acknowledged: 'Bestätigt', escalated: 'Eskaliert', task_done: 'Aufgabe erledigt', task_reopened: 'Aufgabe wieder offen', decision: 'Entscheidung',
    statement_drafted: 'Statement entworfen', statement_released: 'Statement freigegeben', statement_published: 'Statement veröffentlicht', drill_item_handled: 'Beitrag bearbeitet',
    held_back_decided: 'Zurückgehaltenes entschieden', webhooks: 'Webhooks', ended: 'Beendet',
  },
  en: {
    proposed: 'Proposed', signal: 'Further signal', confirmed: 'Confirmed', activated: 'Declared', dismissed: 'Dismissed', pause_effective: 'Pause effective',
    called: 'Called', acknowledged: 'Acknowledged', escalated: 'Escalated', task_done: 'Task done', task_reopened: 'Task reopened', decision: 'Decision',
    statement_drafted: 'Statement drafted', statement_released: 'Statement released', statement_published: 'Statement published', drill_item_handled: 'Post handled',
    held_back_decided: 'Held-back posts decided', webhooks: 'Webhooks', ended: 'Ended',
  },
};

const INK = '#1a1b1e';
const MUTED = '#5c5f66';
const RED = '#c92a2a';
const COLORS = { negative: '#e03131', neutral: '#adb5bd', positive: '#2f9e44' };

interface Column { header: string; width: number }

function table(doc: Doc, columns: Column[], rows: { cells: string[]; color?: string }[]): void {
  const x0 = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const drawRow = (cells: string[], bold: boolean, color = INK): void => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 6 }))) + 6;
    if (doc.y + h > bottom()) {
      doc.addPage();
      // The header row again on the new page, so a continued table stays readable.
      if (!bold) drawRow(columns.map((c) => c.header), true, MUTED);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    }
    const y = doc.y;
    let x = x0;
    cells.forEach((c, i) => {
      doc.fillColor(color).text(c, x + 3, y + 3, { width: columns[i]!.width - 6 });
      x += columns[i]!.width;
    });
    doc.moveTo(x0, y + h).lineTo(x, y + h).lineWidth(0.5).strokeColor('#dee2e6').stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  drawRow(columns.map((c) => c.header), true, MUTED);
  for (const r of rows) drawRow(r.cells, false, r.color);
  doc.moveDown(0.8);
}

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.4).font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text, doc.page.margins.left);
  doc.moveDown(0.3);
}

function chart(doc: Doc, s: ReportSummary, t: (typeof L)[Lang], fmtTime: (iso: string) => string): void {
  const buckets = s.volumes;
  if (buckets.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(t.none);
    return;
  }
  const x0 = doc.page.margins.left + 30;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right - 30;
  const h = 120;
  if (doc.y + h + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y0 = doc.y;
  const max = Math.max(1, ...buckets.map((b) => b.volume));
  const bw = w / buckets.length;
  doc.font('Helvetica').fontSize(7).fillColor(MUTED);
  for (const v of [0, Math.round(max / 2), max]) {
    const y = y0 + h - (v / max) * h;
    doc.text(String(v), x0 - 28, y - 3, { width: 24, align: 'right' });
    doc.moveTo(x0, y).lineTo(x0 + w, y).lineWidth(0.3).strokeColor('#e9ecef').stroke();
  }
  buckets.forEach((b, i) => {
    let y = y0 + h;
    for (const k of ['negative', 'neutral', 'positive'] as const) {
      const bh = (b[k] / max) * h;
      if (bh > 0) doc.rect(x0 + i * bw + bw * 0.1, y - bh, Math.max(bw * 0.8, 0.5), bh).fill(COLORS[k]);
      y -= bh;
    }
  });
  const labels = [0, Math.floor(buckets.length / 2), buckets.length - 1];
  doc.fillColor(MUTED).fontSize(7);
  for (const i of [...new Set(labels)]) doc.text(fmtTime(buckets[i]!.at), x0 + i * bw - 30, y0 + h + 4, { width: 60, align: 'center' });
  let lx = x0;
  const ly = y0 + h + 18;
  for (const [k, label] of [['negative', t.neg], ['neutral', t.neu], ['positive', t.pos]] as const) {
    doc.rect(lx, ly, 8, 8).fill(COLORS[k]);
    doc.fillColor(INK).fontSize(8).text(label, lx + 11, ly, { lineBreak: false });
    lx += 70;
  }
  doc.x = doc.page.margins.left;
  doc.y = ly + 20;
}

/** The PDF as bytes. */
export async function renderReportPdf(s: ReportSummary, opts: { lang: Lang; timeZone: string; endSummary?: string | null }): Promise<Buffer> {
  const t = L[opts.lang];
  const locale = opts.lang === 'de' ? 'de-DE' : 'en-GB';
  const dt = new Intl.DateTimeFormat(locale, { timeZone: opts.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const tm = new Intl.DateTimeFormat(locale, { timeZone: opts.timeZone, hour: '2-digit', minute: '2-digit' });
  const fmt = (iso: string | null) => (iso ? dt.format(new Date(iso)) : '—');
  const mins = (m: number | null) => (m === null ? '—' : `${m.toLocaleString(locale)} ${t.minutes}`);
  const title = s.crisis.drill ? t.drillTitle : t.title;
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, lang: opts.lang === 'de' ? 'de-DE' : 'en-GB', displayTitle: true, info: { Title: `${title}: ${s.crisis.title}`, Author: s.workspaceName, Creator: 'Resonanz' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));

  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(s.workspaceName);
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(title);
  doc.font('Helvetica').fontSize(14).text(s.crisis.title);
  if (s.crisis.drill) doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).fillColor(RED).text(t.drillBanner);
  doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor(INK);
  doc.text(`${t.period}: ${fmt(s.crisis.confirmedAt)} – ${fmt(s.crisis.endedAt)}`);
  doc.text(`${t.playbook}: ${s.playbookName ?? '—'} · ${t.level} ${s.crisis.severity}`);
  doc.moveDown(0.6);

  const figures: [string, string][] = [
    [t.duration, mins(s.durationMinutes)],
    [t.mentions, `${s.totals.mentions} (${t.negative} ${s.totals.negative})`],
    [t.inbox, `${s.totals.inboxItems} (${t.handled} ${s.totals.handled})`],
    [t.ackMedian, mins(s.responseTimes.medianAckMinutes)],
    [t.firstStatement, mins(s.responseTimes.firstStatementMinutes)],
    [t.handleMedian, mins(s.responseTimes.medianHandleMinutes)],
  ];
  const boxW = (doc.page.width - 100) / 3;
  const top = doc.y;
  figures.forEach(([label, value], i) => {
    const x = 50 + (i % 3) * boxW;
    const y = top + Math.floor(i / 3) * 44;
    doc.roundedRect(x + 2, y, boxW - 4, 40, 4).fillAndStroke('#f8f9fa', '#dee2e6');
    doc.fillColor(MUTED).font('Helvetica').fontSize(8).text(label, x + 8, y + 6, { width: boxW - 16 });
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(value, x + 8, y + 20, { width: boxW - 16 });
  });
  doc.x = 50;
  doc.y = top + 96;

  heading(doc, t.volume);
  chart(doc, s, t, (iso) => tm.format(new Date(iso)));

  heading(doc, t.responses);
  table(doc, [{ header: t.person, width: 170 }, { header: t.role, width: 200 }, { header: t.ack, width: 125 }],
    s.responseTimes.acknowledgements.map((a) => ({ cells: [a.name, a.label, a.minutes === null ? t.notAck : mins(a.minutes)], color: a.minutes === null ? RED : undefined })));

  heading(doc, t.statements);
  if (s.statements.length === 0) doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(t.none).moveDown(0.5);
  else table(doc, [{ header: t.when, width: 95 }, { header: 'Text', width: 260 }, { header: t.channels, width: 140 }],
    s.statements.map((st) => ({ cells: [fmt(st.at), st.text, `${st.channels.join(', ')}\n${st.preApproved ? t.preApproved : ''}${st.preApproved ? ' · ' : ''}${st.published ? t.published : t.notPublished}`] })));

  heading(doc, t.decisions);
  if (s.decisions.length === 0) doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(t.none).moveDown(0.5);
  else table(doc, [{ header: t.when, width: 95 }, { header: t.who, width: 100 }, { header: t.what, width: 150 }, { header: t.why, width: 150 }],
    s.decisions.map((d) => ({ cells: [fmt(d.at), d.by, d.decision, d.reason ?? ''] })));

  heading(doc, t.tasks);
  if (s.tasks.length === 0) doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(t.none).moveDown(0.5);
  else table(doc, [{ header: t.task, width: 185 }, { header: t.owner, width: 100 }, { header: t.due, width: 95 }, { header: t.done, width: 115 }],
    s.tasks.map((k) => ({ cells: [k.title, k.owner, fmt(k.dueAt), k.doneAt ? `${fmt(k.doneAt)}${k.late ? ` (${t.late})` : ''}` : `${t.open}${k.late ? ` (${t.late})` : ''}`], color: k.late ? RED : undefined })));

  if (opts.endSummary) {
    heading(doc, t.summary);
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(opts.endSummary).moveDown(0.5);
  }

  heading(doc, t.timeline);
  table(doc, [{ header: t.when, width: 95 }, { header: t.event, width: 120 }, { header: t.details, width: 280 }], s.timeline.map((e) => ({ cells: [fmt(e.at), KINDS[opts.lang][e.kind] ?? e.kind, e.summary] })));

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(`${title} · ${s.crisis.title} · ${t.generated} ${fmt(s.generatedAt)} · ${t.page} ${i + 1}/${range.count}`, 50, doc.page.height - 35, { width: doc.page.width - 100, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
