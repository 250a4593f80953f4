import '@mantine/charts/styles.css';
import { AreaChart, BarChart, BarsList, DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber, localeTag } from '../../lib/format.ts';
import { ChartCard } from './ChartCard.tsx';
import { dailyRows } from './chart-data.ts';
import type { Dashboard } from './monitoring-api.ts';

// Shade 7/8 keeps marks at ≥ 3:1 against white (WCAG 1.4.11); the tables carry the exact values.
const SENTIMENT_COLORS = { negative: 'red.9', neutral: 'gray.6', positive: 'teal.8' } as const;
const PALETTE = ['indigo.7', 'orange.8', 'teal.8', 'grape.7', 'cyan.8', 'yellow.8', 'pink.7', 'lime.8'];
// Recharts' keyboard layer would make the hidden drawing focusable; the table is the accessible form.
const noA11yLayer = { accessibilityLayer: false };
// Long handles stay on one line and run past a short bar instead of breaking inside it.
const barsListStyles = { barLabel: { whiteSpace: 'nowrap', overflow: 'visible' } } as const;

function Legend({ items }: { items: { name: string; color: string; value: string }[] }) {
  return (
    <Group gap="md" mt="sm" aria-hidden="true">
      {items.map((i) => (
        <Group key={i.name} gap={6} wrap="nowrap">
          <ColorSwatch size={12} color={`var(--mantine-color-${i.color.replace('.', '-')})`} withShadow={false} />
          <Text size="sm">{i.name}: {i.value}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** The charts of one dashboard scope: volume, sentiment, share of voice, top lists and languages. */
export function DashboardCharts({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const lang = currentLanguage();
  const n = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => new Intl.NumberFormat(localeTag(lang), { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const rows = dailyRows(data, ws.timezone || 'Europe/Berlin', localeTag(lang));
  const sentimentName = (k: 'negative' | 'neutral' | 'positive') => t(`monitoring.sentiment.${k}`);
  const languageName = (code: string) => {
    try {
      return new Intl.DisplayNames([localeTag(lang)], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const sovTotal = data.shareOfVoice.reduce((s, x) => s + x.volume, 0);
  const langTotal = data.languages.reduce((s, x) => s + x.count, 0);
  const sov = data.shareOfVoice.map((s, i) => ({ name: s.label === 'all' ? t('monitoring.dashboard.allQueries') : s.label, value: s.volume, share: s.share, color: PALETTE[i % PALETTE.length]! }));
  const langs = data.languages.map((l, i) => ({ name: languageName(l.key), value: l.count, color: PALETTE[i % PALETTE.length]! }));
  const top = (items: { key: string; count: number }[]) => items.map((x) => ({ name: x.key, value: x.count }));
  const topTable = (caption: string, items: { key: string; count: number }[]) => ({ caption, columns: [t('monitoring.dashboard.entry'), t('monitoring.dashboard.mentions')], rows: items.map((x) => [x.key, n(x.count)]) });
  const none = <Text size="sm" c="dimmed">{t('monitoring.dashboard.noData')}</Text>;

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <ChartCard id="chart-volume" title={t('monitoring.dashboard.volume')} summary={t('monitoring.dashboard.volumeSummary', { count: data.total, n: n(data.total) })}
        table={{ caption: t('monitoring.dashboard.volume'), columns: [t('monitoring.dashboard.day'), t('monitoring.dashboard.mentions')], rows: rows.map((r) => [r.label, n(r.volume)]) }}>
        <AreaChart h={220} data={rows} dataKey="label" series={[{ name: 'volume', label: t('monitoring.dashboard.mentions'), color: 'indigo.7' }]}
          curveType="linear" withDots={false} valueFormatter={n} areaChartProps={noA11yLayer} />
      </ChartCard>
      <ChartCard id="chart-sentiment" title={t('monitoring.dashboard.sentimentOverTime')}
        summary={t('monitoring.dashboard.sentimentSummary', { negative: n(data.sentiment.negative), neutral: n(data.sentiment.neutral), positive: n(data.sentiment.positive) })}
        table={{
          caption: t('monitoring.dashboard.sentimentOverTime'),
          columns: [t('monitoring.dashboard.day'), sentimentName('negative'), sentimentName('neutral'), sentimentName('positive')],
          rows: rows.map((r) => [r.label, n(r.negative), n(r.neutral), n(r.positive)]),
        }}>
        <BarChart h={220} data={rows} dataKey="label" type="stacked" valueFormatter={n} withLegend barChartProps={noA11yLayer}
          series={(['negative', 'neutral', 'positive'] as const).map((k) => ({ name: k, label: sentimentName(k), color: SENTIMENT_COLORS[k] }))} />
      </ChartCard>
      <ChartCard id="chart-sov" title={t('monitoring.dashboard.shareOfVoice')} summary={t('monitoring.dashboard.sovSummary')}
        table={{ caption: t('monitoring.dashboard.shareOfVoice'), columns: [t('monitoring.dashboard.entry'), t('monitoring.dashboard.mentions'), t('monitoring.dashboard.share')], rows: sov.map((s) => [s.name, n(s.value), pct(s.share)]) }}>
        {sovTotal === 0 ? none : (
          <>
            <DonutChart h={180} data={sov.map(({ name, value, color }) => ({ name, value, color }))} chartLabel={n(sovTotal)} valueFormatter={n} pieChartProps={noA11yLayer} pieProps={{ rootTabIndex: -1 }} />
            <Legend items={sov.map((s) => ({ name: s.name, color: s.color, value: pct(s.share) }))} />
          </>
        )}
      </ChartCard>
      <ChartCard id="chart-languages" title={t('monitoring.dashboard.languages')}
        table={{ caption: t('monitoring.dashboard.languages'), columns: [t('monitoring.dashboard.language'), t('monitoring.dashboard.mentions')], rows: langs.map((l) => [l.name, n(l.value)]) }}>
        {langTotal === 0 ? none : (
          <>
            <DonutChart h={180} data={langs} chartLabel={n(langTotal)} valueFormatter={n} pieChartProps={noA11yLayer} pieProps={{ rootTabIndex: -1 }} />
            <Legend items={langs.map((l) => ({ name: l.name, color: l.color, value: pct(l.value / langTotal) }))} />
          </>
        )}
      </ChartCard>
      <ChartCard id="chart-authors" title={t('monitoring.dashboard.topAuthors')} table={topTable(t('monitoring.dashboard.topAuthors'), data.topAuthors)}>
        {data.topAuthors.length ? <BarsList styles={barsListStyles} data={top(data.topAuthors)} valueFormatter={n} barsLabel={t('monitoring.dashboard.author')} valueLabel={t('monitoring.dashboard.mentions')} /> : none}
      </ChartCard>
      <ChartCard id="chart-hashtags" title={t('monitoring.dashboard.topHashtags')} table={topTable(t('monitoring.dashboard.topHashtags'), data.topHashtags)}>
        {data.topHashtags.length ? <BarsList styles={barsListStyles} data={top(data.topHashtags).map((x) => ({ ...x, name: `#${x.name}` }))} valueFormatter={n} barsLabel={t('monitoring.dashboard.hashtag')} valueLabel={t('monitoring.dashboard.mentions')} /> : none}
      </ChartCard>
      <ChartCard id="chart-terms" title={t('monitoring.dashboard.topTerms')} table={topTable(t('monitoring.dashboard.topTerms'), data.topTerms)}>
        {data.topTerms.length ? <BarsList styles={barsListStyles} data={top(data.topTerms.slice(0, 10))} valueFormatter={n} barsLabel={t('monitoring.dashboard.term')} valueLabel={t('monitoring.dashboard.mentions')} /> : none}
      </ChartCard>
    </SimpleGrid>
  );
}
