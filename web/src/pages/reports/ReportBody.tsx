/**
 * A report's content in the browser — the same data the PDF renders: key figures against the
 * previous period, goals with progress and forecast, KPI charts (this period against the previous
 * one, day by day) with their channels, response times, sentiment and share of voice, readiness.
 * Each table has its CSV download when the report is saved. A period without data says so.
 */
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { KPI_CATALOGUE, type KpiKey } from '../../../../common/kpi-catalogue.ts';
import type { ReportTable } from '../../../../common/schemas/reporting.ts';
import { apiUrl } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate, formatNumber, localeTag } from '../../lib/format.ts';
import { ChartCard } from '../monitoring/ChartCard.tsx';
import { barValue, FORECAST_COLOR, scoreColor } from '../strategy/forecast.ts';
import { alignedRows, type ReportData } from './reports-api.ts';

const noA11yLayer = { accessibilityLayer: false };

export function useKpiFormat() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (metric: KpiKey, v: number | null) => {
    if (v === null) return '–';
    const unit = KPI_CATALOGUE[metric].unit;
    const n = formatNumber(Math.round(v * 10) / 10, lang);
    return unit === 'percent' ? `${n} %` : unit === 'minutes' ? `${formatNumber(Math.round(v), lang)} ${t('strategy.goals.minutes')}` : n;
  };
}

function Change({ metric, change }: { metric: KpiKey; change: number | null }) {
  const lang = currentLanguage();
  const { t } = useTranslation();
  if (change === null || change === 0) return null;
  const better = (change > 0) === (KPI_CATALOGUE[metric].direction === 'increase');
  const Icon = change > 0 ? IconArrowUpRight : IconArrowDownRight;
  return (
    <Text size="sm" fw={600} c={better ? 'teal.9' : 'red.9'} span>
      <Icon size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {change > 0 ? '+' : ''}{formatNumber(change, lang)} %
      <span className="sr-only"> {better ? t('reports.better') : t('reports.worse')}</span>
    </Text>
  );
}

function Csv({ reportId, table, range }: { reportId: string | null; table: ReportTable; range: { from: string; to: string } }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  if (!reportId) return null;
  return (
    <Anchor href={apiUrl(`/workspaces/${ws.id}/reports/${reportId}/csv`, { table, from: range.from, to: range.to })} download size="sm" c="indigo.8" underline="always">
      <IconFileSpreadsheet size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {t('reports.csv', { table: t(`reports.tables.${table}`) })}
    </Anchor>
  );
}

function KpiChart({ data, metric }: { data: ReportData; metric: KpiKey }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const fmt = useKpiFormat();
  const total = data.kpis.find((k) => k.metric === metric && k.channel === '')!;
  const channels = data.kpis.filter((k) => k.metric === metric && k.channel !== '');
  const cumulative = KPI_CATALOGUE[metric].aggregation === 'sum';
  const label = (d: string) => (d ? new Intl.DateTimeFormat(localeTag(lang), { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)) : '');
  const rows = alignedRows(data.period, data.previous, total.points, total.previousPoints, cumulative).map((r) => ({ ...r, label: label(r.date) }));
  const name = KPI_CATALOGUE[metric][lang].name;
  const chLabel = (ref: string) => data.channels.find((c) => c.ref === ref)?.label ?? ref;
  return (
    <ChartCard id={`kpi-${metric}`} title={name} summary={`${fmt(metric, total.value)} · ${t('reports.previous')}: ${fmt(metric, total.previous)}${cumulative ? ` · ${t('reports.cumulative')}` : ''}`}
      table={{ caption: name, columns: [t('reports.day'), t('reports.current'), t('reports.previous')], rows: rows.map((r) => [r.label || '–', r.current === null ? '–' : fmt(metric, r.current), r.previous === null ? '–' : fmt(metric, r.previous)]) }}>
      {total.points.length + total.previousPoints.length === 0 ? <Text size="sm" c="dimmed">{t('reports.noValues')}</Text> : (
        <LineChart h={180} data={rows} dataKey="label" withLegend connectNulls={false} withDots={false} lineChartProps={noA11yLayer} valueFormatter={(v) => fmt(metric, v)}
          series={[{ name: 'current', label: t('reports.current'), color: 'indigo.7' }, { name: 'previous', label: t('reports.previous'), color: 'gray.6', strokeDasharray: '5 4' }]} />
      )}
      {channels.length > 0 && (
        <Table mt="sm" fz="sm" aria-label={t('reports.byChannel', { metric: name })}>
          <Table.Thead><Table.Tr><Table.Th>{t('reports.channel')}</Table.Th><Table.Th ta="right">{t('reports.current')}</Table.Th><Table.Th ta="right">{t('reports.previous')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{channels.map((c) => <Table.Tr key={c.channel}><Table.Td>{chLabel(c.channel)}</Table.Td><Table.Td ta="right">{fmt(metric, c.value)}</Table.Td><Table.Td ta="right">{fmt(metric, c.previous)}</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      )}
    </ChartCard>
  );
}

export function ReportBody({ data, reportId }: { data: ReportData; reportId: string | null }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const fmt = useKpiFormat();
  const range = { from: data.period.from, to: data.period.to };
  const metrics = [...new Set(data.kpis.map((k) => k.metric))];
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang, 'UTC');
  if (data.empty) {
    return (
      <Card withBorder padding="xl" data-testid="report-empty">
        <Title order={2} size="h3">{t('reports.empty.title')}</Title>
        <Text mt="xs">{t('reports.empty.text', { from: day(data.period.from), to: day(data.period.to) })}</Text>
      </Card>
    );
  }
  return (
    <Stack gap="lg">
      <section aria-labelledby="kf-heading">
        <Group justify="space-between"><Title order={2} size="h3" id="kf-heading">{t('reports.keyFigures')}</Title><Csv reportId={reportId} table="key_figures" range={range} /></Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm">
          {data.keyFigures.map((k) => (
            <Card key={k.metric} withBorder padding="md" data-testid="key-figure">
              <Text size="sm" c="dimmed">{KPI_CATALOGUE[k.metric][lang].name}</Text>
              <Text size="xl" fw={700}>{fmt(k.metric, k.value)}</Text>
              <Group gap="xs"><Change metric={k.metric} change={k.change} /><Text size="sm" c="dimmed">{t('reports.previous')}: {fmt(k.metric, k.previous)}</Text></Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <Card withBorder padding="lg" component="section" aria-labelledby="rg-heading">
        <Group justify="space-between"><Title order={2} size="h3" id="rg-heading">{t('reports.goals')}</Title><Csv reportId={reportId} table="goals" range={range} /></Group>
        {data.goals.length === 0 && <Text c="dimmed" size="sm">{t('reports.noGoals')}</Text>}
        <Stack gap="sm" mt="sm">
          {data.goals.map((g) => (
            <div key={g.id} data-testid="report-goal">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{g.title}</Text>
                <Badge variant="outline" color={FORECAST_COLOR[g.forecast]}>{g.achieved ? t('reports.achieved') : t(`strategy.forecast.${g.forecast}`)}</Badge>
              </Group>
              <Text size="sm" c="dimmed">{KPI_CATALOGUE[g.metric][lang].name}: {fmt(g.metric, g.current)} / {fmt(g.metric, g.targetValue)} · {t('reports.deadline', { date: day(g.deadline) })}{g.owner ? ` · ${g.owner}` : ''}</Text>
              <Progress mt={4} value={barValue(g.progress)} color={FORECAST_COLOR[g.forecast]} aria-label={t('strategy.goals.progressLabel', { title: g.title })} />
              {g.projected !== null && <Text size="xs" c="dimmed">{t('strategy.goals.projected', { value: fmt(g.metric, g.projected) })}</Text>}
            </div>
          ))}
        </Stack>
      </Card>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {metrics.map((m) => <KpiChart key={m} data={data} metric={m} />)}
      </SimpleGrid>
      <Group gap="md"><Csv reportId={reportId} table="kpis" range={range} /><Csv reportId={reportId} table="channels" range={range} /></Group>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="rt-heading">
          <Group justify="space-between"><Title order={2} size="h4" id="rt-heading">{t('reports.responseTimes')}</Title><Csv reportId={reportId} table="response_times" range={range} /></Group>
          {data.responseTimes.length === 0 ? <Text size="sm" c="dimmed">{t('reports.noResponse')}</Text> : (
            <Table fz="sm" mt="xs">
              <Table.Thead><Table.Tr><Table.Th>{t('reports.channel')}</Table.Th><Table.Th ta="right">{t('reports.median')}</Table.Th><Table.Th ta="right">{t('reports.target')}</Table.Th><Table.Th ta="right">{t('reports.withinTarget')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{data.responseTimes.map((r) => (
                <Table.Tr key={r.channel}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right" c={r.medianMinutes !== null && r.targetMinutes !== null && r.medianMinutes > r.targetMinutes ? 'red.9' : undefined}>{fmt('inbox_first_response_minutes', r.medianMinutes)}</Table.Td>
                  <Table.Td ta="right">{fmt('inbox_first_response_minutes', r.targetMinutes)}</Table.Td>
                  <Table.Td ta="right">{fmt('inbox_within_target_share', r.withinTargetShare)}</Table.Td>
                </Table.Tr>
              ))}</Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="sv-heading">
          <Group justify="space-between"><Title order={2} size="h4" id="sv-heading">{t('reports.sentiment')}</Title><Group gap="sm"><Csv reportId={reportId} table="sentiment" range={range} /><Csv reportId={reportId} table="share_of_voice" range={range} /></Group></Group>
          {data.sentiment ? (
            <>
              <Progress.Root size="xl" mt="sm" aria-hidden>
                <Progress.Section value={data.sentiment.positive} color="teal.8" />
                <Progress.Section value={data.sentiment.neutral} color="gray.5" />
                <Progress.Section value={data.sentiment.negative} color="red.9" />
              </Progress.Root>
              <Text size="sm" mt={4}>{t('reports.sentimentText', { positive: formatNumber(data.sentiment.positive, lang), neutral: formatNumber(data.sentiment.neutral, lang), negative: formatNumber(data.sentiment.negative, lang) })}</Text>
            </>
          ) : <Text size="sm" c="dimmed">{t('reports.noListening')}</Text>}
          {data.shareOfVoice.length > 0 && (
            <Stack gap={4} mt="sm">
              <Text size="sm" fw={600}>{t('reports.shareOfVoice')}</Text>
              {data.shareOfVoice.map((s) => (
                <Group key={s.label} gap="xs" wrap="nowrap">
                  <Text size="sm" w="45%" truncate>{s.label}</Text>
                  <Progress value={s.share} color={s.kind === 'org' ? 'indigo.7' : 'gray.6'} style={{ flex: 1 }} aria-label={t('reports.sovOf', { name: s.label, share: formatNumber(s.share, lang) })} />
                  <Text size="sm" w={56} ta="right">{formatNumber(s.share, lang)} %</Text>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder padding="lg" component="section" aria-labelledby="rd-heading">
        <Group justify="space-between"><Title order={2} size="h4" id="rd-heading">{t('reports.readiness', { score: data.readiness.score })}</Title><Csv reportId={reportId} table="readiness" range={range} /></Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          {data.readiness.areas.map((a) => (
            <Group key={a.key} justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">{a.title}</Text>
              <Group gap={6} wrap="nowrap"><Progress value={a.score} color={scoreColor(a.score)} w={90} aria-hidden /><Text size="sm" w={52} ta="right">{a.score} %</Text></Group>
            </Group>
          ))}
        </SimpleGrid>
      </Card>
    </Stack>
  );
}
