import { Alert, Button, Card, Checkbox, Group, MultiSelect, SegmentedControl, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { KPI_CATALOGUE, KPI_KEYS, type KpiKey } from '../../../../common/kpi-catalogue.ts';
import { REPORT_MAX_RECIPIENTS, type ReportPeriodKind } from '../../../../common/schemas/reporting.ts';
import { ApiError, patch, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useStrategyItems, type Goal } from '../strategy/strategy-api.ts';
import { useChannels } from '../strategy/use-channels.ts';
import { reportsKey, useReport, type ReportDefinition } from './reports-api.ts';

interface Draft {
  name: string;
  language: 'de' | 'en';
  period: ReportPeriodKind;
  goalIds: string[];
  metrics: KpiKey[];
  channels: string[];
  scheduleEnabled: boolean;
  recipients: string[];
}
const ERROR_PROPS = { c: 'red.9' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The report builder: goals, KPIs, channels, weekly or monthly, language, and the e-mail schedule. */
export function ReportBuilder() {
  const { t } = useTranslation();
  const { reportId } = useParams();
  const existing = useReport(reportId);
  usePageTitle(reportId ? t('reports.builder.editTitle') : t('reports.builder.title'));
  const lang = currentLanguage();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const goals = useStrategyItems<Goal>('goals');
  const { options: channelOptions } = useChannels();
  const [d, setD] = useState<Draft>({ name: '', language: lang, period: 'monthly', goalIds: [], metrics: [], channels: [], scheduleEnabled: false, recipients: [] });
  useEffect(() => {
    const r = existing.data;
    if (r) setD({ name: r.name, language: r.language, period: r.period, goalIds: r.goalIds, metrics: r.metrics, channels: r.channels, scheduleEnabled: r.scheduleEnabled, recipients: r.recipients });
  }, [existing.data]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () => (reportId ? patch<ReportDefinition>(`/workspaces/${ws.id}/reports/${reportId}`, d) : post<ReportDefinition>(`/workspaces/${ws.id}/reports`, d)),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: reportsKey(ws.id) });
      await navigate(`/reports/${r.id}`);
    },
  });
  const errors = new Map<string, string>();
  if (save.error instanceof ApiError) for (const e of save.error.errors) {
    const f = e.path.replace(/^body\./, '').split('.')[0] ?? '';
    if (!errors.has(f)) errors.set(f, t(`reports.builder.errors.${f}`, { defaultValue: t('reports.builder.errors.invalid') }));
  }
  const badRecipients = d.recipients.filter((r) => !EMAIL.test(r));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{reportId ? t('reports.builder.editTitle') : t('reports.builder.title')}</Title>
        <Text c="dimmed" mt={4}>{t('reports.builder.subtitle')}</Text>
      </div>
      <Card withBorder padding="lg" component="form" onSubmit={submit} noValidate aria-labelledby="builder-heading">
        <Title order={2} size="h4" mb="md" id="builder-heading">{t('reports.builder.heading')}</Title>
        {Boolean(save.error) && <Alert color="red" variant="light" role="alert" title={t('errors.title')} mb="md">{message(save.error)}</Alert>}
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('reports.builder.name')} required value={d.name} onChange={(e) => set('name', e.currentTarget.value)} maxLength={200} error={errors.get('name')} errorProps={ERROR_PROPS} />
            <div>
              <Text size="sm" fw={500} id="period-label">{t('reports.builder.period')}</Text>
              <SegmentedControl mt={4} aria-labelledby="period-label" value={d.period} onChange={(v) => set('period', v as ReportPeriodKind)} data={[{ value: 'weekly', label: t('reports.period.weekly') }, { value: 'monthly', label: t('reports.period.monthly') }]} />
            </div>
            <div>
              <Text size="sm" fw={500} id="lang-label">{t('reports.builder.language')}</Text>
              <SegmentedControl mt={4} aria-labelledby="lang-label" value={d.language} onChange={(v) => set('language', v as 'de' | 'en')} data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} />
            </div>
            <MultiSelect label={t('reports.builder.channels')} description={t('reports.builder.channelsHint')} data={channelOptions} value={d.channels} onChange={(v) => set('channels', v)} clearable error={errors.get('channels')} errorProps={ERROR_PROPS} />
          </SimpleGrid>
          <MultiSelect label={t('reports.builder.goals')} description={t('reports.builder.goalsHint')} data={(goals.data?.items ?? []).map((g) => ({ value: g.id, label: g.title }))} value={d.goalIds} onChange={(v) => set('goalIds', v)} searchable clearable error={errors.get('goalIds')} errorProps={ERROR_PROPS} />
          <Checkbox.Group label={t('reports.builder.metrics')} description={t('reports.builder.metricsHint')} value={d.metrics} onChange={(v) => set('metrics', v as KpiKey[])}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs">
              {KPI_KEYS.map((k) => <Checkbox key={k} value={k} label={KPI_CATALOGUE[k][lang].name} />)}
            </SimpleGrid>
          </Checkbox.Group>
          <Switch label={t('reports.builder.schedule')} description={t(d.period === 'monthly' ? 'reports.builder.scheduleMonthly' : 'reports.builder.scheduleWeekly')} checked={d.scheduleEnabled} onChange={(e) => set('scheduleEnabled', e.currentTarget.checked)} />
          <TagsInput label={t('reports.builder.recipients')} description={t('reports.builder.recipientsHint', { max: REPORT_MAX_RECIPIENTS })} value={d.recipients} onChange={(v) => set('recipients', v)} maxTags={REPORT_MAX_RECIPIENTS}
            clearable acceptValueOnBlur splitChars={[',', ' ', ';']} error={errors.get('recipients') ?? (badRecipients.length ? t('reports.builder.badEmail', { emails: badRecipients.join(', ') }) : undefined)} errorProps={ERROR_PROPS} />
        </Stack>
        <Group mt="lg">
          <Button type="submit" loading={save.isPending}>{reportId ? t('common.save') : t('reports.builder.create')}</Button>
          <Button component={Link} to={reportId ? `/reports/${reportId}` : '/reports'} variant="default">{t('common.cancel')}</Button>
        </Group>
      </Card>
    </Stack>
  );
}
