/**
 * CSV export of every table of a report (the same numbers as the PDF). Headers in the report's
 * language; numbers unformatted (dot decimal) so spreadsheets read them; cells that look like
 * formulas are defused by `toCsv`.
 */
import type { ReportData, ReportTable } from '../../../common/schemas/reporting.ts';
import { toCsv } from '../audit/csv.ts';
import { metricName, REPORT_TEXT } from './report-text.ts';

const H = {
  de: {
    metric: 'Kennzahl', key: 'Schlüssel', value: 'Wert', previous: 'Vorperiode', change: 'Veränderung %', channel: 'Kanal', date: 'Datum', period: 'Zeitraum',
    goal: 'Ziel', metaGoal: 'Leitziel', baseline: 'Ausgangswert', current: 'Aktuell', target: 'Zielwert', start: 'Beginn', deadline: 'Frist', progress: 'Fortschritt %',
    projected: 'Prognosewert', forecast: 'Prognose', owner: 'Verantwortlich', median: 'Median Minuten', previousMedian: 'Median Vorperiode', within: 'In Zielzeit %',
    targetMinutes: 'Ziel Minuten', positive: 'positiv %', neutral: 'neutral %', negative: 'negativ %', mentions: 'Erwähnungen', label: 'Akteur', kind: 'Art', volume: 'Volumen',
    share: 'Anteil %', area: 'Bereich', score: 'Stand %',
  },
  en: {
    metric: 'Metric', key: 'Key', value: 'Value', previous: 'Previous period', change: 'Change %', channel: 'Channel', date: 'Date', period: 'Period',
    goal: 'Goal', metaGoal: 'Meta goal', baseline: 'Baseline', current: 'Current', target: 'Target', start: 'Start', deadline: 'Deadline', progress: 'Progress %',
    projected: 'Projected', forecast: 'Forecast', owner: 'Owner', median: 'Median minutes', previousMedian: 'Previous median', within: 'Within target %',
    targetMinutes: 'Target minutes', positive: 'positive %', neutral: 'neutral %', negative: 'negative %', mentions: 'Mentions', label: 'Actor', kind: 'Kind', volume: 'Volume',
    share: 'Share %', area: 'Area', score: 'Score %',
  },
} as const;

export function reportTableCsv(data: ReportData, table: ReportTable): string {
  const lang = data.report.language;
  const h = H[lang];
  const t = REPORT_TEXT[lang];
  const label = (ref: string) => (ref === '' ? t.total : (data.channels.find((c) => c.ref === ref)?.label ?? ref));
  const out = (cols: string[], rows: Record<string, unknown>[]) => toCsv(cols, rows);
  switch (table) {
    case 'key_figures':
      return out([h.metric, h.key, h.value, h.previous, h.change], data.keyFigures.map((k) => ({ [h.metric]: metricName(k.metric, lang), [h.key]: k.metric, [h.value]: k.value, [h.previous]: k.previous, [h.change]: k.change })));
    case 'kpis':
      // One row per day and channel, both periods, so every chart can be rebuilt.
      return out([h.metric, h.key, h.channel, h.period, h.date, h.value], data.kpis.flatMap((k) => [
        ...k.points.map((p) => ({ [h.metric]: metricName(k.metric, lang), [h.key]: k.metric, [h.channel]: label(k.channel), [h.period]: t.legendCurrent, [h.date]: p.date, [h.value]: p.value })),
        ...k.previousPoints.map((p) => ({ [h.metric]: metricName(k.metric, lang), [h.key]: k.metric, [h.channel]: label(k.channel), [h.period]: t.legendPrevious, [h.date]: p.date, [h.value]: p.value })),
      ]));
    case 'channels':
      return out([h.metric, h.key, h.channel, h.value, h.previous], data.kpis.map((k) => ({ [h.metric]: metricName(k.metric, lang), [h.key]: k.metric, [h.channel]: label(k.channel), [h.value]: k.value, [h.previous]: k.previous })));
    case 'goals':
      return out([h.goal, h.metaGoal, h.metric, h.channel, h.baseline, h.current, h.target, h.start, h.deadline, h.progress, h.projected, h.forecast, h.owner], data.goals.map((g) => ({
        [h.goal]: g.title, [h.metaGoal]: g.metaGoal, [h.metric]: metricName(g.metric, lang), [h.channel]: g.channels.map(label).join(' | '), [h.baseline]: g.baseline, [h.current]: g.current,
        [h.target]: g.targetValue, [h.start]: g.startDate, [h.deadline]: g.deadline, [h.progress]: g.progress, [h.projected]: g.projected, [h.forecast]: g.achieved ? t.achieved : t.states[g.forecast], [h.owner]: g.owner,
      })));
    case 'response_times':
      return out([h.channel, h.median, h.previousMedian, h.within, h.targetMinutes], data.responseTimes.map((r) => ({
        [h.channel]: r.label, [h.median]: r.medianMinutes, [h.previousMedian]: r.previousMedianMinutes, [h.within]: r.withinTargetShare, [h.targetMinutes]: r.targetMinutes,
      })));
    case 'sentiment':
      return out([h.positive, h.neutral, h.negative, h.mentions], data.sentiment ? [{ [h.positive]: data.sentiment.positive, [h.neutral]: data.sentiment.neutral, [h.negative]: data.sentiment.negative, [h.mentions]: data.sentiment.total }] : []);
    case 'share_of_voice':
      return out([h.label, h.kind, h.volume, h.share], data.shareOfVoice.map((s) => ({ [h.label]: s.label, [h.kind]: s.kind, [h.volume]: s.volume, [h.share]: s.share })));
    case 'readiness':
      return out([h.area, h.key, h.score], [...data.readiness.areas.map((a) => ({ [h.area]: a.title, [h.key]: a.key, [h.score]: a.score })), { [h.area]: t.overall, [h.key]: 'overall', [h.score]: data.readiness.score }]);
  }
}
