/**
 * Words and number/date formats of reports in German and English (PDF, CSV headers, mail). Units
 * follow the KPI catalogue: percent as "12,5 %", minutes as "42 Min.".
 */
import { KPI_CATALOGUE, type KpiKey } from '../../../common/kpi-catalogue.ts';

export type Lang = 'de' | 'en';

export const REPORT_TEXT = {
  de: {
    monthly: 'Monatsbericht Social Media', weekly: 'Wochenbericht Social Media', custom: 'Bericht Social Media',
    period: 'Berichtszeitraum', comparedWith: 'Vergleich mit', workspace: 'Arbeitsbereich', generated: 'Erstellt am',
    keyFigures: 'Kennzahlen auf einen Blick', previous: 'Vorperiode', noValue: 'keine Daten',
    goals: 'Zielerreichung', goalsMore: (n: number) => `${n} weitere Ziele im Anhang`, noGoals: 'Noch keine SMART-Ziele festgelegt.',
    forecastLabel: 'Prognose', deadline: 'Frist', owner: 'Verantwortlich', markerHint: 'Strich = prognostizierter Stand zur Frist',
    states: { on_track: 'im Plan', at_risk: 'gefährdet', off_track: 'nicht im Plan', insufficient_data: 'zu wenige Daten' },
    achieved: 'erreicht',
    responseTimes: 'Reaktionszeiten', channel: 'Kanal', median: 'Median', target: 'Ziel', withinTarget: 'in Zielzeit', noResponse: 'Keine Antworten im Zeitraum gemessen.',
    sentiment: 'Tonalität der Erwähnungen', positive: 'positiv', neutral: 'neutral', negative: 'negativ', mentionsCounted: (n: string) => `${n} Erwähnungen`,
    shareOfVoice: 'Share of Voice', noListening: 'Keine Monitoring-Daten im Zeitraum.',
    readiness: 'Social-Media-Reife', overall: 'Gesamt',
    deadlines: 'Nächste Fristen', noDeadlines: 'Keine anstehenden Fristen.',
    emptyTitle: 'Für diesen Zeitraum liegen keine Daten vor',
    emptyText: 'Im Berichtszeitraum wurden keine Kennzahlen gemessen. Verbinden Sie Kanäle, lassen Sie die Kennzahlen erheben (Berichte → „Kennzahlen jetzt erheben“) oder wählen Sie einen anderen Zeitraum.',
    details: 'Kennzahlen im Detail', total: 'Gesamt', value: 'Wert', change: 'Veränderung', current: 'Aktuell', noData: 'Keine Messwerte im Zeitraum.',
    goalTable: 'Ziele im Detail', goal: 'Ziel', metric: 'Kennzahl', baseline: 'Ausgangswert', progress: 'Fortschritt',
    definitions: 'Definitionen', periodRule: 'Ein Zeitraumwert ist bei Mengen (Beiträge, Erwähnungen, Interaktionen) die Summe der Tage, bei Follower-Zahlen der letzte gemessene Tag, bei Anteilen und Zeiten der Mittelwert der gemessenen Tage.',
    legendCurrent: 'Berichtszeitraum', legendPrevious: 'Vorperiode', page: (p: number, n: number) => `Seite ${p} von ${n}`, minutes: 'Min.',
    kind: { goal: 'Ziel', phase: 'Phase' },
  },
  en: {
    monthly: 'Monthly social media report', weekly: 'Weekly social media report', custom: 'Social media report',
    period: 'Reporting period', comparedWith: 'Compared with', workspace: 'Workspace', generated: 'Generated on',
    keyFigures: 'Key figures at a glance', previous: 'Previous period', noValue: 'no data',
    goals: 'Goal achievement', goalsMore: (n: number) => `${n} more goals in the appendix`, noGoals: 'No SMART goals defined yet.',
    forecastLabel: 'Forecast', deadline: 'Deadline', owner: 'Owner', markerHint: 'Tick = forecast position at the deadline',
    states: { on_track: 'on track', at_risk: 'at risk', off_track: 'off track', insufficient_data: 'not enough data' },
    achieved: 'achieved',
    responseTimes: 'Response times', channel: 'Channel', median: 'Median', target: 'Target', withinTarget: 'within target', noResponse: 'No replies measured in the period.',
    sentiment: 'Sentiment of mentions', positive: 'positive', neutral: 'neutral', negative: 'negative', mentionsCounted: (n: string) => `${n} mentions`,
    shareOfVoice: 'Share of voice', noListening: 'No listening data in the period.',
    readiness: 'Social media readiness', overall: 'Overall',
    deadlines: 'Next deadlines', noDeadlines: 'No upcoming deadlines.',
    emptyTitle: 'No data for this period',
    emptyText: 'No KPIs were measured in the reporting period. Connect channels, collect the KPIs (Reports → "Collect KPIs now") or choose another period.',
    details: 'KPIs in detail', total: 'Total', value: 'Value', change: 'Change', current: 'Current', noData: 'No measurements in the period.',
    goalTable: 'Goals in detail', goal: 'Goal', metric: 'Metric', baseline: 'Baseline', progress: 'Progress',
    definitions: 'Definitions', periodRule: 'A period value is the sum of the days for counts (posts, mentions, engagements), the last measured day for follower numbers, and the mean of the measured days for shares and times.',
    legendCurrent: 'Reporting period', legendPrevious: 'Previous period', page: (p: number, n: number) => `Page ${p} of ${n}`, minutes: 'min',
    kind: { goal: 'Goal', phase: 'Phase' },
  },
} as const;

export type ReportText = (typeof REPORT_TEXT)[Lang];

const LOCALE: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

export function formatters(lang: Lang) {
  const locale = LOCALE[lang];
  const t = REPORT_TEXT[lang];
  const num = (n: number, digits = 1) => n.toLocaleString(locale, { maximumFractionDigits: digits });
  const day = (ymd: string) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(`${ymd}T12:00:00Z`));
  const shortDay = (ymd: string) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit' }).format(new Date(`${ymd}T12:00:00Z`));
  const month = (ymd: string) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${ymd}T12:00:00Z`));
  /** A KPI value with its unit. */
  const kpi = (metric: KpiKey, v: number | null) => {
    if (v === null) return '–';
    const unit = KPI_CATALOGUE[metric].unit;
    if (unit === 'percent') return `${num(v)} %`;
    if (unit === 'minutes') return `${num(Math.round(v))} ${t.minutes}`;
    return num(v, Math.abs(v) >= 100 ? 0 : 1);
  };
  const change = (c: number | null) => (c === null ? '' : `${c > 0 ? '+' : ''}${num(c)} %`);
  const dateTime = (iso: string, tz: string) => new Intl.DateTimeFormat(locale, { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return { num, day, shortDay, month, kpi, change, dateTime };
}

export function metricName(metric: KpiKey, lang: Lang): string {
  return KPI_CATALOGUE[metric][lang].name;
}

/** "März 2025" for a whole month, "KW 10/2025 (03.03.–09.03.2025)" style ranges otherwise. */
export function periodLabel(p: { from: string; to: string }, lang: Lang): string {
  const f = formatters(lang);
  const wholeMonth = p.from.endsWith('-01') && p.from.slice(0, 7) === p.to.slice(0, 7) && Number(p.to.slice(8)) === new Date(Date.UTC(Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7)), 0)).getUTCDate();
  if (wholeMonth) return f.month(p.from);
  return `${f.day(p.from)} – ${f.day(p.to)}`;
}
