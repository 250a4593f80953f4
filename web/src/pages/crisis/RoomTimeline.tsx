import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber, localeTag } from '../../lib/format.ts';
import { ChartCard } from '../monitoring/ChartCard.tsx';
import type { CrisisRoom } from './crisis-api.ts';

const COLORS = { negative: 'red.9', neutral: 'gray.6', positive: 'teal.8' } as const;
const noA11yLayer = { accessibilityLayer: false };

/** Volume and sentiment of the crisis query (or of the drill sandbox), with its table for screen readers. */
export function RoomTimeline({ room }: { room: CrisisRoom }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const fmt = new Intl.DateTimeFormat(localeTag(lang), { hour: '2-digit', minute: '2-digit' });
  const rows = room.timeline.map((b) => ({ label: fmt.format(new Date(b.at)), negative: b.negative, neutral: b.neutral, positive: b.positive }));
  const total = room.timeline.reduce((s, b) => s + b.volume, 0);
  const negative = room.timeline.reduce((s, b) => s + b.negative, 0);
  const n = (x: number) => formatNumber(x, lang);
  const name = (k: keyof typeof COLORS) => t(`crisis.sentiment.${k}`);
  return (
    <ChartCard id="crisis-timeline" title={t(room.crisis.drill ? 'crisis.timeline.drillTitle' : 'crisis.timeline.title')}
      summary={room.timeline.length ? t('crisis.timeline.summary', { total: n(total), negative: n(negative) }) : undefined}
      table={{ caption: t('crisis.timeline.title'), columns: [t('crisis.timeline.time'), name('negative'), name('neutral'), name('positive')], rows: rows.map((r) => [r.label, r.negative, r.neutral, r.positive]) }}>
      {rows.length === 0 ? <Text size="sm" c="dimmed">{t(room.crisis.queryId || room.crisis.drill ? 'crisis.timeline.empty' : 'crisis.timeline.noQuery')}</Text> : (
        <BarChart h={220} data={rows} dataKey="label" type="stacked" valueFormatter={n} withLegend barChartProps={noA11yLayer}
          series={(['negative', 'neutral', 'positive'] as const).map((k) => ({ name: k, label: name(k), color: COLORS[k] }))} />
      )}
    </ChartCard>
  );
}
