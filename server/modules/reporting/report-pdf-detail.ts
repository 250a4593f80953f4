/**
 * The report's detail pages: one chart per KPI (the period against the previous one, day by day)
 * with its channel breakdown, the goal table, the next deadlines and the definitions of every
 * KPI shown — so a number in the report can always be traced to what it means.
 */
import { KPI_CATALOGUE, type KpiKey } from '../../../common/kpi-catalogue.ts';
import { addDays } from '../../../common/local-date.ts';
import type { ReportData } from '../../../common/schemas/reporting.ts';
import { lineChart } from './pdf/pdf-charts.ts';
import { COLOR, CONTENT_WIDTH, ensureSpace, FONT, heading, PAGE, paragraph, safe, type Doc } from './pdf/pdf-doc.ts';
import { table } from './pdf/pdf-table.ts';
import { formatters, metricName, REPORT_TEXT, type Lang } from './report-text.ts';

const FORECAST_COLOR = { on_track: COLOR.good, at_risk: COLOR.warn, off_track: COLOR.bad, insufficient_data: COLOR.neutral } as const;

/** Values per day of a period (`null` for days without a measurement). */
function byDay(points: { date: string; value: number }[], from: string, days: number): (number | null)[] {
  const m = new Map(points.map((p) => [p.date, p.value]));
  return Array.from({ length: days }, (_, i) => m.get(addDays(from, i)) ?? null);
}

/**
 * Flows are charted as running totals over the period (the line a goal chart shows); levels and
 * rates as measured.
 */
function chartValues(metric: KpiKey, values: (number | null)[]): (number | null)[] {
  if (KPI_CATALOGUE[metric].aggregation !== 'sum') return values;
  let total = 0;
  return values.map((v) => (total += v ?? 0));
}

function kpiBlock(doc: Doc, data: ReportData, metric: KpiKey, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  const main = data.kpis.find((k) => k.metric === metric && k.channel === '')!;
  const channels = data.kpis.filter((k) => k.metric === metric && k.channel !== '');
  ensureSpace(doc, 170 + channels.length * 12);
  const y = doc.y;
  const summary = `${f.kpi(metric, main.value)}  (${t.previous}: ${f.kpi(metric, main.previous)})`;
  doc.font(FONT.bold).fontSize(10).fillColor(COLOR.ink).text(safe(metricName(metric, lang)), PAGE.margin, y, { width: CONTENT_WIDTH * 0.6, lineBreak: false });
  doc.font(FONT.bold).fontSize(9).fillColor(COLOR.accent).text(safe(summary), PAGE.margin, y + 1, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  doc.y = y + 14;
  if (!main.points.length && !main.previousPoints.length) {
    paragraph(doc, t.noData, { size: 8, color: COLOR.muted });
    doc.moveDown(0.6);
    return;
  }
  const cur = chartValues(metric, byDay(main.points, data.period.from, data.period.days));
  const prev = chartValues(metric, byDay(main.previousPoints, data.previous.from, data.previous.days));
  const n = Math.max(cur.length, prev.length);
  const labels = Array.from({ length: n }, (_, i) => (i < data.period.days ? f.shortDay(addDays(data.period.from, i)) : ''));
  const box = { x: PAGE.margin, y: doc.y, w: CONTENT_WIDTH, h: 96 };
  lineChart(doc, box, [
    { values: prev, color: COLOR.previous, dashed: true, width: 1.1 },
    { values: cur, color: COLOR.accent, width: 1.6 },
  ], { xLabels: labels, format: (v) => f.kpi(metric, v), tight: KPI_CATALOGUE[metric].aggregation === 'last' && KPI_CATALOGUE[metric].unit === 'count' });
  // Legend
  const ly = box.y + box.h + 4;
  doc.save();
  doc.moveTo(PAGE.margin + 34, ly + 4).lineTo(PAGE.margin + 50, ly + 4).lineWidth(1.6).strokeColor(COLOR.accent).stroke();
  doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted).text(safe(t.legendCurrent), PAGE.margin + 54, ly, { lineBreak: false });
  const lx = PAGE.margin + 60 + doc.widthOfString(safe(t.legendCurrent)) + 12;
  doc.moveTo(lx, ly + 4).lineTo(lx + 16, ly + 4).lineWidth(1.1).dash(3, { space: 2 }).strokeColor(COLOR.previous).stroke().undash();
  doc.text(safe(t.legendPrevious), lx + 20, ly, { lineBreak: false });
  doc.restore();
  doc.y = ly + 14;
  if (channels.length) {
    table(doc, [{ header: t.channel, width: 4 }, { header: t.value, width: 2, align: 'right' }, { header: t.previous, width: 2, align: 'right' }, { header: t.change, width: 1.6, align: 'right' }],
      channels.map((c) => {
        const ch = data.channels.find((x) => x.ref === c.channel)?.label ?? c.channel;
        return { cells: [ch, f.kpi(metric, c.value), f.kpi(metric, c.previous), f.change(changeOf(c.value, c.previous))] };
      }), { size: 7.5 });
    doc.moveDown(0.4);
  } else {
    doc.moveDown(0.6);
  }
}

const changeOf = (v: number | null, p: number | null) => (v === null || p === null || p === 0 ? null : Math.round(((v - p) / Math.abs(p)) * 1000) / 10);

export function renderReportDetails(doc: Doc, data: ReportData, lang: Lang): void {
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  doc.addPage();
  heading(doc, t.details, 150);
  const metrics = [...new Set(data.kpis.map((k) => k.metric))];
  for (const m of metrics) kpiBlock(doc, data, m, lang);

  if (data.goals.length) {
    heading(doc, t.goalTable);
    table(doc, [
      { header: t.goal, width: 4.4 }, { header: t.metric, width: 2.6 }, { header: t.baseline, width: 2.3, align: 'right' }, { header: t.current, width: 1.7, align: 'right' },
      { header: t.target, width: 1.7, align: 'right' }, { header: t.deadline, width: 1.9, align: 'right' }, { header: t.progress, width: 2, align: 'right' }, { header: t.forecastLabel, width: 2.2 },
    ], data.goals.map((g) => ({
      cells: [g.title, metricName(g.metric, lang), f.kpi(g.metric, g.baseline), f.kpi(g.metric, g.current), f.kpi(g.metric, g.targetValue), f.day(g.deadline),
        g.progress === null ? '–' : `${f.num(g.progress, 0)} %`, g.achieved ? t.achieved : t.states[g.forecast]],
      colors: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, FORECAST_COLOR[g.forecast]],
    })), { size: 7.5 });
  }

  heading(doc, t.deadlines, 40);
  if (data.nextDeadlines.length) {
    table(doc, [{ header: t.deadline, width: 1.4 }, { header: '', width: 1 }, { header: t.goal, width: 6 }],
      data.nextDeadlines.map((d) => ({ cells: [f.day(d.date), t.kind[d.kind], d.title] })), { size: 7.5 });
  } else {
    paragraph(doc, t.noDeadlines, { size: 8, color: COLOR.muted });
  }

  heading(doc, t.definitions, 60);
  paragraph(doc, t.periodRule, { size: 7.5, color: COLOR.muted });
  doc.moveDown(0.4);
  for (const m of metrics) {
    ensureSpace(doc, 24);
    doc.font(FONT.bold).fontSize(7.5).fillColor(COLOR.ink).text(safe(`${metricName(m, lang)}: `), PAGE.margin, doc.y, { continued: true, width: CONTENT_WIDTH })
      .font(FONT.regular).fillColor(COLOR.muted).text(safe(KPI_CATALOGUE[m][lang].definition));
    doc.moveDown(0.25);
  }
}
