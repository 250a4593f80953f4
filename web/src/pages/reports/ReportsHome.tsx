import { Badge, Button, Card, Group, MultiSelect, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportPeriodKind } from '../../../../common/schemas/reporting.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { useChannels } from '../strategy/use-channels.ts';
import { CollectButton } from './CollectButton.tsx';
import { ReportBody } from './ReportBody.tsx';
import { useDashboard, useReports } from './reports-api.ts';

/** The saved reports with their schedule and last delivery. */
function ReportList() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const can = useCan();
  const reports = useReports();
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang, 'UTC');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="reports-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="reports-heading">{t('reports.list.title')}</Title>
        {can('reports.write') && <Button component={Link} to="/reports/new" leftSection={<IconPlus size={16} aria-hidden />}>{t('reports.list.new')}</Button>}
      </Group>
      <ErrorAlert error={reports.error} />
      {reports.data?.items.length === 0 && <Text c="dimmed">{t('reports.list.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {reports.data?.items.map((r) => (
          <Card key={r.id} withBorder padding="md" component={Link} to={`/reports/${r.id}`} className="area-card" data-testid="report-card">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{r.name}</Text>
              <Badge variant="outline" color="gray.7">{t(`reports.period.${r.period}`)}</Badge>
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {r.scheduleEnabled ? t('reports.list.scheduled', { count: r.recipients.length, from: day(r.nextPeriod.from), to: day(r.nextPeriod.to) }) : t('reports.list.notScheduled')}
            </Text>
            {r.lastDelivery && <Text size="sm" mt={2}>{t('reports.list.lastSent', { from: day(r.lastDelivery.periodStart), to: day(r.lastDelivery.periodEnd) })}</Text>}
          </Card>
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** The reports area's start: the KPI dashboard (this period so far against the previous one) and the saved reports. */
export function ReportsHome() {
  const { t } = useTranslation();
  usePageTitle(t('nav.reports'));
  const lang = currentLanguage();
  const [period, setPeriod] = useState<ReportPeriodKind>('monthly');
  const [channels, setChannels] = useState<string[]>([]);
  const { options } = useChannels();
  const data = useDashboard(period, channels, lang);
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang, 'UTC');
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.reports')}</Title>
          <Text c="dimmed" mt={4}>{t('reports.subtitle')}</Text>
        </div>
        <CollectButton />
      </Group>
      <ReportList />
      <Card withBorder padding="lg" component="section" aria-labelledby="dashboard-heading">
        <Group justify="space-between" align="flex-end" mb="md">
          <div>
            <Title order={2} size="h3" id="dashboard-heading">{t('reports.dashboard.title')}</Title>
            {data.data && <Text size="sm" c="dimmed">{t('reports.dashboard.period', { from: day(data.data.period.from), to: day(data.data.period.to), pfrom: day(data.data.previous.from), pto: day(data.data.previous.to) })}</Text>}
          </div>
          <Group align="flex-end">
            <SegmentedControl value={period} onChange={(v) => setPeriod(v as ReportPeriodKind)} aria-label={t('reports.dashboard.periodLabel')}
              data={[{ value: 'weekly', label: t('reports.dashboard.week') }, { value: 'monthly', label: t('reports.dashboard.month') }]} />
            <MultiSelect label={t('reports.dashboard.channels')} placeholder={channels.length ? undefined : t('reports.dashboard.allChannels')} data={options} value={channels} onChange={setChannels} clearable w={260} />
          </Group>
        </Group>
        <ErrorAlert error={data.error} />
        {data.data && <ReportBody data={data.data} reportId={null} />}
      </Card>
    </Stack>
  );
}
