/** A realistic report (March, two channels) for the renderer's unit tests. Test support only. */
import { addDays } from '../../../common/local-date.ts';
import type { ReportData } from '../../../common/schemas/reporting.ts';

const series = (from: string, days: number, f: (i: number) => number | null) =>
  Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), value: f(i) })).filter((p): p is { date: string; value: number } => p.value !== null);

export function reportFixture(lang: 'de' | 'en' = 'de', overrides: Partial<ReportData> = {}): ReportData {
  const period = { from: '2025-03-01', to: '2025-03-31', days: 31 };
  const previous = { from: '2025-02-01', to: '2025-02-28', days: 28 };
  const kpi = (metric: ReportData['kpis'][number]['metric'], channel: string, f: (i: number, prev: boolean) => number | null, value: number, prev: number) => ({
    metric, channel, value, previous: prev, points: series(period.from, period.days, (i) => f(i, false)), previousPoints: series(previous.from, previous.days, (i) => f(i, true)),
  });
  return {
    report: { id: null, name: 'Leitungsbericht', period: 'monthly', language: lang },
    organisation: 'Bundesamt für Beispielwesen',
    workspace: 'Pressestelle',
    period, previous,
    generatedAt: '2025-04-01T05:00:00.000Z',
    empty: false,
    channels: [{ ref: 'bluesky', label: 'Bluesky' }, { ref: 'mastodon', label: 'Mastodon' }],
    keyFigures: [
      { metric: 'followers', value: 3120, previous: 2890, change: 8 },
      { metric: 'posts_published', value: 24, previous: 20, change: 20 },
      { metric: 'engagements', value: 1480, previous: 1602, change: -7.6 },
      { metric: 'mentions', value: 612, previous: 540, change: 13.3 },
      { metric: 'share_of_voice', value: 41.5, previous: 38.2, change: 8.6 },
      { metric: 'inbox_first_response_minutes', value: 74, previous: 96, change: -22.9 },
    ],
    kpis: [
      kpi('followers', '', (i, p) => (p ? 2600 + i * 10 : 2890 + i * 7.5), 3120, 2890),
      kpi('followers', 'bluesky', (i, p) => (p ? 1700 + i * 8 : 1924 + i * 6), 2104, 1924),
      kpi('followers', 'mastodon', (i, p) => (p ? 900 + i * 2 : 956 + i * 1.5), 1016, 956),
      kpi('posts_published', '', (i) => (i % 3 === 0 ? 2 : i % 2), 24, 20),
      kpi('engagements', '', (i, p) => (p ? 50 + (i % 7) * 5 : 40 + (i % 5) * 6), 1480, 1602),
      kpi('mentions', '', (i) => 15 + (i % 6) * 2, 612, 540),
      kpi('inbox_first_response_minutes', '', (i) => (i % 7 > 4 ? null : 90 - i), 74, 96),
    ],
    goals: [
      { id: '00000000-0000-4000-8000-000000000001', title: '5.000 Follower auf Bluesky', metaGoal: 'Informieren', metric: 'followers', channels: ['bluesky'], baseline: 1800, targetValue: 5000, startDate: '2025-01-01', deadline: '2025-12-31', owner: 'Sabine Strategin', current: 2104, progress: 9.5, projected: 4100, projectedProgress: 71.9, forecast: 'off_track', achieved: false },
      { id: '00000000-0000-4000-8000-000000000002', title: '3 Beiträge pro Woche und Kanal', metaGoal: 'Informieren', metric: 'posts_published', channels: ['bluesky', 'mastodon'], baseline: 0, targetValue: 160, startDate: '2025-01-01', deadline: '2025-06-30', owner: 'Rita Redaktion', current: 62, progress: 38.8, projected: 150, projectedProgress: 93.8, forecast: 'at_risk', achieved: false },
      { id: '00000000-0000-4000-8000-000000000003', title: 'Erste Antwort im Median unter 60 Minuten', metaGoal: 'Dialog', metric: 'inbox_first_response_minutes', channels: [], baseline: 240, targetValue: 60, startDate: '2025-01-01', deadline: '2025-05-31', owner: 'Clara Community', current: 74, progress: 92.2, projected: 52, projectedProgress: 104.4, forecast: 'on_track', achieved: false },
    ],
    responseTimes: [
      { channel: '', label: 'Gesamt', medianMinutes: 74, previousMedianMinutes: 96, withinTargetShare: 68, targetMinutes: 60 },
      { channel: 'bluesky', label: 'Bluesky', medianMinutes: 55, previousMedianMinutes: 80, withinTargetShare: 81, targetMinutes: 60 },
      { channel: 'mastodon', label: 'Mastodon', medianMinutes: 101, previousMedianMinutes: 120, withinTargetShare: 54, targetMinutes: 120 },
    ],
    sentiment: { positive: 31.2, neutral: 44.3, negative: 24.5, total: 612, previousNegativeShare: 28 },
    shareOfVoice: [
      { label: 'Bundesamt für Beispielwesen', kind: 'org', volume: 612, share: 41.5 },
      { label: 'Landesamt für Musterverfahren', kind: 'competitor', volume: 520, share: 35.3 },
      { label: 'Bundesagentur für Vorlagenwesen', kind: 'competitor', volume: 342, share: 23.2 },
    ],
    readiness: {
      score: 58,
      areas: [
        ['strategy', 'Strategie', 75], ['goals', 'Ziele', 100], ['organisation', 'Organisation', 50], ['effort', 'Aufwand', 50], ['target_groups', 'Zielgruppen', 100],
        ['monitoring', 'Monitoring', 100], ['content', 'Inhalte', 50], ['crisis', 'Krisenfall', 0], ['measurement', 'Erfolgsmessung', 50], ['guidelines', 'Leitfaden & Schulung', 25],
      ].map(([key, title, score]) => ({ key: key as ReportData['readiness']['areas'][number]['key'], title: title as string, score: score as number })),
    },
    nextDeadlines: [{ title: 'Pilotphase Presse und Community', date: '2025-04-30', kind: 'phase' }, { title: 'Erste Antwort im Median unter 60 Minuten', date: '2025-05-31', kind: 'goal' }],
    ...overrides,
  };
}
