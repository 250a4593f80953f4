/**
 * Charts drawn with pdfkit's vector primitives (no browser, no raster images): a line chart of a
 * period against the previous one, progress bars with a forecast marker, horizontal share bars
 * and a stacked bar. All take a box (x, y, width, height) and leave `doc.y` unchanged.
 */
import { COLOR, FONT, safe, type Doc } from './pdf-doc.ts';

export interface ChartSeries {
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  width?: number;
}

/** "Nice" upper bound and step for an axis from 0 (or the minimum) to `max`. */
export function niceScale(min: number, max: number, ticks = 4): { lo: number; hi: number; step: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { lo: 0, hi: 1, step: 0.25 };
  if (min === max) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { lo: Math.floor(min / step) * step, hi: Math.ceil(max / step) * step, step };
}

/**
 * Line chart: one x position per index (day of the period), series may have gaps (null). The y
 * axis starts at 0 for non-negative data unless `tight` (levels like followers, where 0 would
 * flatten the line).
 */
export function lineChart(doc: Doc, box: { x: number; y: number; w: number; h: number }, series: ChartSeries[], opts: { xLabels: string[]; format: (n: number) => string; tight?: boolean }): void {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const axisW = 34;
  const plot = { x: box.x + axisW, y: box.y + 4, w: box.w - axisW - 4, h: box.h - 18 };
  const dataMin = all.length ? Math.min(...all) : 0;
  const dataMax = all.length ? Math.max(...all) : 1;
  const scale = niceScale(opts.tight || dataMin < 0 ? dataMin : 0, dataMax);
  const yOf = (v: number) => plot.y + plot.h - ((v - scale.lo) / (scale.hi - scale.lo)) * plot.h;
  const xOf = (i: number) => plot.x + (i / (n - 1)) * plot.w;

  doc.save();
  doc.font(FONT.regular).fontSize(6.5).fillColor(COLOR.faint);
  for (let v = scale.lo; v <= scale.hi + scale.step / 2; v += scale.step) {
    const y = yOf(v);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).lineWidth(0.3).strokeColor(COLOR.track).stroke();
    doc.text(safe(opts.format(v)), box.x, y - 3, { width: axisW - 4, align: 'right', lineBreak: false });
  }
  const labelIdx = [...new Set([0, Math.round((n - 1) / 2), n - 1])];
  for (const i of labelIdx) {
    const label = opts.xLabels[i];
    const x = i === 0 ? xOf(i) : i === n - 1 ? xOf(i) - 60 : xOf(i) - 30;
    if (label) doc.text(safe(label), x, plot.y + plot.h + 4, { width: 60, align: i === 0 ? 'left' : i === n - 1 ? 'right' : 'center', lineBreak: false });
  }
  for (const s of series) {
    let open = false;
    doc.lineWidth(s.width ?? 1.4).strokeColor(s.color);
    if (s.dashed) doc.dash(3, { space: 2 });
    else doc.undash();
    s.values.forEach((v, i) => {
      if (v === null) {
        if (open) doc.stroke();
        open = false;
        return;
      }
      if (!open) doc.moveTo(xOf(i), yOf(v));
      else doc.lineTo(xOf(i), yOf(v));
      open = true;
    });
    if (open) doc.stroke();
    doc.undash();
    // A single measured day would be invisible as a line: mark it.
    const points = s.values.map((v, i) => [v, i] as const).filter(([v]) => v !== null);
    if (points.length === 1) doc.circle(xOf(points[0]![1]), yOf(points[0]![0]!), 1.8).fill(s.color);
  }
  doc.restore();
}

/**
 * Progress bar 0–100 % filled in `color`, with a tick where the forecast reaches by the deadline
 * (clamped to the bar; beyond 100 % the tick sits at the end).
 */
export function progressBar(doc: Doc, box: { x: number; y: number; w: number; h: number }, value: number | null, color: string, forecast?: number | null): void {
  const v = Math.max(0, Math.min(100, value ?? 0));
  doc.save();
  doc.roundedRect(box.x, box.y, box.w, box.h, box.h / 2).fill(COLOR.track);
  if (v > 0) doc.roundedRect(box.x, box.y, Math.max(box.h, (box.w * v) / 100), box.h, box.h / 2).fill(color);
  if (forecast !== null && forecast !== undefined && Number.isFinite(forecast)) {
    const fx = box.x + (box.w * Math.max(0, Math.min(100, forecast))) / 100;
    doc.moveTo(fx, box.y - 2.5).lineTo(fx, box.y + box.h + 2.5).lineWidth(1.4).strokeColor(COLOR.ink).stroke();
  }
  doc.restore();
}

/** One stacked bar of shares (summing to ~100) with a legend below. */
export function stackedBar(doc: Doc, box: { x: number; y: number; w: number; h: number }, parts: { share: number; color: string; label: string }[]): void {
  const total = parts.reduce((s, p) => s + Math.max(0, p.share), 0) || 1;
  let x = box.x;
  doc.save();
  for (const p of parts) {
    const w = (box.w * Math.max(0, p.share)) / total;
    if (w > 0) doc.rect(x, box.y, w, box.h).fill(p.color);
    x += w;
  }
  let lx = box.x;
  doc.font(FONT.regular).fontSize(7.5);
  for (const p of parts) {
    doc.rect(lx, box.y + box.h + 5, 7, 7).fill(p.color);
    const label = safe(p.label);
    doc.fillColor(COLOR.ink).text(label, lx + 10, box.y + box.h + 5, { lineBreak: false });
    lx += 14 + doc.widthOfString(label) + 10;
  }
  doc.restore();
}

/** Small triangle pointing up (rise) or down (fall) for key figure changes. */
export function trendMark(doc: Doc, x: number, y: number, up: boolean, color: string): void {
  doc.save();
  if (up) doc.polygon([x, y + 6], [x + 3.5, y], [x + 7, y + 6]);
  else doc.polygon([x, y], [x + 3.5, y + 6], [x + 7, y]);
  doc.fill(color);
  doc.restore();
}
