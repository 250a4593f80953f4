/**
 * The report as PDF. The first page is what leadership reads: title, period and organisation,
 * key figures against the previous period, goal progress with forecast, response times,
 * sentiment and share of voice, readiness. The following pages hold the details (see
 * report-pdf-detail.ts). A period without data gets an explicit empty state, never a blank page.
 */
import { KPI_CATALOGUE } from '../../../common/kpi-catalogue.ts';
import type { ReportData } from '../../../common/schemas/reporting.ts';
import { progressBar, stackedBar, trendMark } from './pdf/pdf-charts.ts';
import { bottomOf, COLOR, CONTENT_WIDTH, createDoc, fit, FONT, PAGE, safe, type Doc } from './pdf/pdf-doc.ts';
import { renderReportDetails } from './report-pdf-detail.ts';
import { formatters, metricName, periodLabel, REPORT_TEXT, type Lang } from './report-text.ts';

export const FORECAST_COLOR = { on_track: COLOR.good, at_risk: COLOR.warn, off_track: COLOR.bad, insufficient_data: COLOR.neutral } as const;
const GOALS_ON_FIRST_PAGE = 5;

export function reportTitle(data: ReportData): string {
  const t = REPORT_TEXT[data.report.language];
  const wholeMonth = !periodLabel(data.period, data.report.language).includes('–');
  if (data.report.period === 'monthly' && wholeMonth) return t.monthly;
  if (data.report.period === 'weekly' && data.period.days === 7) return t.weekly;
  return t.custom;
}

function band(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  doc.rect(0, 0, PAGE.width, 122).fill(COLOR.band);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.bandMuted).text(safe(data.organisation.toUpperCase()), PAGE.margin, 28, { width: CONTENT_WIDTH, characterSpacing: 0.6 });
  doc.font(FONT.bold).fontSize(21).fillColor(COLOR.bandText).text(safe(reportTitle(data)), PAGE.margin, 44, { width: CONTENT_WIDTH });
  doc.font(FONT.regular).fontSize(12).fillColor(COLOR.bandText).text(safe(`${periodLabel(data.period, lang)} · ${data.report.name}`), PAGE.margin, 72, { width: CONTENT_WIDTH });
  const line = `${t.period} ${f.day(data.period.from)} – ${f.day(data.period.to)} · ${t.comparedWith} ${periodLabel(data.previous, lang)} · ${t.workspace}: ${data.workspace}`;
  doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.bandMuted).text(safe(line), PAGE.margin, 96, { width: CONTENT_WIDTH });
  doc.x = PAGE.margin;
  doc.y = 140;
}

function sectionTitle(doc: Doc, text: string, right?: string): void {
  const y = doc.y;
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.ink).text(safe(text), PAGE.margin, y, { width: CONTENT_WIDTH, lineBreak: false });
  if (right) doc.font(FONT.bold).fontSize(11).fillColor(COLOR.accent).text(safe(right), PAGE.margin, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  doc.moveTo(PAGE.margin, y + 15).lineTo(PAGE.margin + CONTENT_WIDTH, y + 15).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
  doc.y = y + 22;
}

function keyFigures(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  sectionTitle(doc, t.keyFigures);
  const gap = 10;
  const w = (CONTENT_WIDTH - 2 * gap) / 3;
  const h = 60;
  const y0 = doc.y;
  data.keyFigures.forEach((k, i) => {
    const x = PAGE.margin + (i % 3) * (w + gap);
    const y = y0 + Math.floor(i / 3) * (h + gap);
    doc.roundedRect(x, y, w, h, 4).fill(COLOR.tile);
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted);
    doc.text(fit(doc, metricName(k.metric, lang), w - 20), x + 10, y + 8, { lineBreak: false });
    doc.font(FONT.bold).fontSize(17).fillColor(COLOR.ink).text(safe(k.value === null ? t.noValue : f.kpi(k.metric, k.value)), x + 10, y + 20, { width: w - 20, lineBreak: false });
    let cx = x + 10;
    if (k.change !== null && k.change !== 0) {
      const better = (k.change > 0) === (KPI_CATALOGUE[k.metric].direction === 'increase');
      const color = better ? COLOR.good : COLOR.bad;
      trendMark(doc, cx, y + 45, k.change > 0, color);
      doc.font(FONT.bold).fontSize(7.5).fillColor(color).text(safe(f.change(k.change)), cx + 10, y + 44.5, { lineBreak: false });
      cx += 14 + doc.widthOfString(safe(f.change(k.change))) + 4;
    }
    doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted);
    doc.text(fit(doc, `${t.previous}: ${f.kpi(k.metric, k.previous)}`, x + w - 10 - cx), cx, y + 45, { lineBreak: false });
  });
  doc.y = y0 + Math.ceil(data.keyFigures.length / 3) * (h + gap) + 4;
}

function goals(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  sectionTitle(doc, t.goals);
  if (!data.goals.length) {
    doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(safe(t.noGoals), PAGE.margin, doc.y);
    doc.moveDown(0.8);
    return;
  }
  for (const g of data.goals.slice(0, GOALS_ON_FIRST_PAGE)) {
    const y = doc.y;
    const color = FORECAST_COLOR[g.forecast];
    const status = `${g.progress === null ? '–' : `${f.num(g.progress, 0)} %`} · ${g.achieved ? t.achieved : t.states[g.forecast]}`;
    doc.font(FONT.bold).fontSize(8.5).fillColor(color).text(safe(status), PAGE.margin, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
    const statusW = doc.widthOfString(safe(status)) + 12;
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOR.ink);
    doc.text(fit(doc, g.title, CONTENT_WIDTH - statusW), PAGE.margin, y, { lineBreak: false });
    const detail = [
      `${metricName(g.metric, lang)}: ${f.kpi(g.metric, g.current)} / ${f.kpi(g.metric, g.targetValue)}`,
      `${t.deadline} ${f.day(g.deadline)}`,
      g.owner ? `${t.owner}: ${g.owner}` : '',
    ].filter(Boolean).join(' · ');
    doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted);
    doc.text(fit(doc, detail, CONTENT_WIDTH), PAGE.margin, y + 11, { lineBreak: false });
    progressBar(doc, { x: PAGE.margin, y: y + 22, w: CONTENT_WIDTH, h: 5 }, g.progress, color, g.projectedProgress);
    doc.y = y + 35;
  }
  const more = data.goals.length - GOALS_ON_FIRST_PAGE;
  const hint = more > 0 ? `${t.markerHint} · ${t.goalsMore(more)}` : t.markerHint;
  doc.font(FONT.italic).fontSize(6.5).fillColor(COLOR.faint).text(safe(hint), PAGE.margin, doc.y - 3, { width: CONTENT_WIDTH });
  doc.y += 6;
}

function responseAndSentiment(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  const colW = (CONTENT_WIDTH - 20) / 2;
  const left = PAGE.margin;
  const right = PAGE.margin + colW + 20;
  const y0 = doc.y;
  const title = (x: number, text: string) => {
    doc.font(FONT.bold).fontSize(11).fillColor(COLOR.ink).text(safe(text), x, y0, { width: colW, lineBreak: false });
    doc.moveTo(x, y0 + 15).lineTo(x + colW, y0 + 15).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
  };

  title(left, t.responseTimes);
  let yl = y0 + 22;
  if (!data.responseTimes.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted).text(safe(t.noResponse), left, yl, { width: colW });
    yl += 14;
  } else {
    const cols = [0.42, 0.2, 0.16, 0.22].map((s) => s * colW);
    const row = (cells: string[], bold: boolean, colors: (string | undefined)[] = []) => {
      let x = left;
      cells.forEach((c, i) => {
        doc.font(bold ? FONT.bold : FONT.regular).fontSize(7.5).fillColor(colors[i] ?? (bold ? COLOR.muted : COLOR.ink));
        doc.text(fit(doc, c, cols[i]! - 4), x, yl, { width: cols[i]! - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
        x += cols[i]!;
      });
      yl += 12;
    };
    row([t.channel, t.median, t.target, t.withinTarget], true);
    for (const r of data.responseTimes.slice(0, 6)) {
      const late = r.medianMinutes !== null && r.targetMinutes !== null && r.medianMinutes > r.targetMinutes;
      row([r.label, f.kpi('inbox_first_response_minutes', r.medianMinutes), r.targetMinutes === null ? '–' : f.kpi('inbox_first_response_minutes', r.targetMinutes), f.kpi('inbox_within_target_share', r.withinTargetShare)],
        r.channel === '' , [undefined, late ? COLOR.bad : COLOR.good]);
    }
  }

  title(right, t.sentiment);
  let yr = y0 + 22;
  if (data.sentiment) {
    const s = data.sentiment;
    stackedBar(doc, { x: right, y: yr, w: colW, h: 9 }, [
      { share: s.positive, color: COLOR.good, label: `${t.positive} ${f.num(s.positive)} %` },
      { share: s.neutral, color: COLOR.previous, label: `${t.neutral} ${f.num(s.neutral)} %` },
      { share: s.negative, color: COLOR.bad, label: `${t.negative} ${f.num(s.negative)} %` },
    ]);
    yr += 28;
    if (s.total > 0) {
      doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted).text(safe(t.mentionsCounted(f.num(s.total, 0))), right, yr, { width: colW, lineBreak: false });
      yr += 11;
    }
  }
  if (data.shareOfVoice.length) {
    doc.font(FONT.bold).fontSize(8).fillColor(COLOR.ink).text(safe(t.shareOfVoice), right, yr + 2, { width: colW, lineBreak: false });
    yr += 14;
    for (const s of data.shareOfVoice.slice(0, 4)) {
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.ink);
      doc.text(fit(doc, s.label, colW * 0.45), right, yr, { lineBreak: false });
      progressBar(doc, { x: right + colW * 0.47, y: yr + 1.5, w: colW * 0.36, h: 5 }, s.share, s.kind === 'org' ? COLOR.accent : COLOR.previous);
      doc.font(s.kind === 'org' ? FONT.bold : FONT.regular).fontSize(7.5).text(safe(`${f.num(s.share)} %`), right + colW * 0.85, yr, { width: colW * 0.15, align: 'right', lineBreak: false });
      yr += 12;
    }
  }
  if (!data.sentiment && !data.shareOfVoice.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted).text(safe(t.noListening), right, yr, { width: colW });
    yr += 14;
  }
  doc.x = PAGE.margin;
  doc.y = Math.max(yl, yr) + 10;
}

function readiness(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  sectionTitle(doc, t.readiness, `${t.overall} ${data.readiness.score} %`);
  const colW = (CONTENT_WIDTH - 20) / 2;
  const y0 = doc.y;
  const half = Math.ceil(data.readiness.areas.length / 2);
  data.readiness.areas.forEach((a, i) => {
    const x = PAGE.margin + (i < half ? 0 : colW + 20);
    const y = y0 + (i % half) * 13;
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.ink);
    doc.text(fit(doc, a.title, colW * 0.5), x, y, { lineBreak: false });
    const color = a.score >= 67 ? COLOR.good : a.score >= 34 ? COLOR.warn : COLOR.bad;
    progressBar(doc, { x: x + colW * 0.52, y: y + 1.5, w: colW * 0.34, h: 5 }, a.score, color);
    doc.text(safe(`${a.score} %`), x + colW * 0.86, y, { width: colW * 0.14, align: 'right', lineBreak: false });
  });
  doc.y = y0 + half * 13 + 8;
}

/** Two sentences that say what the numbers mean: goals by forecast and the largest movements. */
export function summaryText(data: ReportData, lang: Lang): string {
  const f = formatters(lang);
  const n = data.goals.length;
  const count = (s: string) => data.goals.filter((g) => (g.achieved ? 'on_track' : g.forecast) === s).length;
  const parts: string[] = [];
  if (n) {
    parts.push(lang === 'de'
      ? `Von ${n} ${n === 1 ? 'Ziel' : 'Zielen'} ${count('on_track') === 1 ? 'ist' : 'sind'} ${count('on_track')} im Plan, ${count('at_risk')} gefährdet und ${count('off_track')} nicht im Plan${count('insufficient_data') ? `; für ${count('insufficient_data')} fehlen Messwerte` : ''}.`
      : `Of ${n} ${n === 1 ? 'goal' : 'goals'}, ${count('on_track')} ${count('on_track') === 1 ? 'is' : 'are'} on track, ${count('at_risk')} at risk and ${count('off_track')} off track${count('insufficient_data') ? `; ${count('insufficient_data')} lack measurements` : ''}.`);
  }
  const moves = data.keyFigures.filter((k) => k.change !== null && k.change !== 0).sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!)).slice(0, 2);
  if (moves.length) {
    const list = moves.map((k) => `${metricName(k.metric, lang)} ${f.change(k.change)}`).join(lang === 'de' ? ' und ' : ' and ');
    parts.push(lang === 'de' ? `Größte Veränderungen gegenüber ${periodLabel(data.previous, lang)}: ${list}.` : `Largest changes against ${periodLabel(data.previous, lang)}: ${list}.`);
  }
  return parts.join(' ');
}

function nextDeadlines(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  const rows = data.nextDeadlines.slice(0, 3);
  if (!rows.length || doc.y + 24 + rows.length * 12 > bottomOf(doc)) return;
  sectionTitle(doc, t.deadlines);
  for (const d of rows) {
    const y = doc.y;
    doc.font(FONT.bold).fontSize(7.5).fillColor(COLOR.ink).text(safe(f.day(d.date)), PAGE.margin, y, { width: 60, lineBreak: false });
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(safe(t.kind[d.kind]), PAGE.margin + 62, y, { width: 40, lineBreak: false });
    doc.fillColor(COLOR.ink).text(fit(doc, d.title, CONTENT_WIDTH - 110), PAGE.margin + 104, y, { lineBreak: false });
    doc.y = y + 12;
  }
}

function emptyState(doc: Doc, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const y = doc.y;
  doc.roundedRect(PAGE.margin, y, CONTENT_WIDTH, 74, 6).lineWidth(1).strokeColor(COLOR.rule).stroke();
  doc.font(FONT.bold).fontSize(12).fillColor(COLOR.ink).text(safe(t.emptyTitle), PAGE.margin + 16, y + 14, { width: CONTENT_WIDTH - 32 });
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(safe(t.emptyText), PAGE.margin + 16, y + 34, { width: CONTENT_WIDTH - 32 });
  doc.y = y + 90;
}

/** The report as PDF bytes; `timeZone` formats the generation time. */
export async function renderReportPdf(data: ReportData, timeZone: string): Promise<Buffer> {
  const lang = data.report.language;
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  const { doc, finish } = createDoc({ title: `${reportTitle(data)} – ${periodLabel(data.period, lang)}`, author: data.organisation, lang });
  band(doc, data, lang);
  const summary = data.empty ? '' : summaryText(data, lang);
  if (summary) {
    doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.ink).text(safe(summary), PAGE.margin, doc.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
    doc.y += 10;
  }
  if (data.empty) {
    emptyState(doc, lang);
  } else {
    if (data.keyFigures.length) keyFigures(doc, data, lang);
    goals(doc, data, lang);
    responseAndSentiment(doc, data, lang);
  }
  readiness(doc, data, lang);
  nextDeadlines(doc, data, lang);
  if (!data.empty) renderReportDetails(doc, data, lang);
  const generated = `${t.generated} ${f.dateTime(data.generatedAt, timeZone)}`;
  return finish((p, n) => `${data.organisation} · ${reportTitle(data)} · ${periodLabel(data.period, lang)} · ${generated} · ${t.page(p, n)}`);
}
