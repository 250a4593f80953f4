import { Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DashboardCharts } from './DashboardCharts.tsx';
import { MentionList } from './MentionList.tsx';
import { scopeParams, useListeningBase, useSavedQueries, useTopicGroups, type Dashboard } from './monitoring-api.ts';

const RANGES = ['7', '14', '30'] as const;

/** Dashboard of one scope (all queries, a topic group or one query) over the last 7, 14 or 30 days. */
export function DashboardPage() {
  const { t } = useTranslation();
  const base = useListeningBase();
  const tz = useWorkspace().timezone || 'Europe/Berlin';
  const [params, setParams] = useSearchParams();
  const days = RANGES.includes(params.get('days') as '7') ? params.get('days')! : '14';
  const groups = useTopicGroups();
  const queries = useSavedQueries();
  // Without a choice the page opens on the own organisation, so share of voice compares it with the competitors.
  const org = groups.data?.items.find((g) => g.kind === 'org');
  const scope = params.get('scope') ?? (org ? `group:${org.id}` : 'all');
  // The range ends at the next full hour so the query key (and cache) stays stable while the page is open.
  const { from, to } = useMemo(() => {
    const end = new Date();
    end.setMinutes(60, 0, 0);
    return { from: new Date(end.getTime() - Number(days) * 86_400_000).toISOString(), to: end.toISOString() };
  }, [days]);
  const dash = useQuery({
    queryKey: ['listening', base, 'dashboard', scope, from, to, tz],
    enabled: params.has('scope') || !groups.isPending,
    queryFn: () => get<Dashboard>(`${base}/dashboard`, { ...scopeParams(scope), from, to, interval: 'day', tz }),
  });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const scopeData = [
    { group: t('monitoring.dashboard.overall'), items: [{ value: 'all', label: t('monitoring.dashboard.allQueries') }] },
    { group: t('monitoring.dashboard.groups'), items: (groups.data?.items ?? []).map((g) => ({ value: `group:${g.id}`, label: `${g.name} (${t(`monitoring.groupKinds.${g.kind}`)})` })) },
    { group: t('monitoring.dashboard.queries'), items: (queries.data?.items ?? []).map((q) => ({ value: `query:${q.id}`, label: q.name })) },
  ].filter((g) => g.items.length > 0);

  return (
    <Stack gap="lg">
      <Group align="flex-end">
        <Select label={t('monitoring.dashboard.scope')} data={scopeData} value={scope} onChange={(v) => set('scope', v)} allowDeselect={false} searchable w={440} maw="100%" data-testid="scope-select" />
        <Select label={t('monitoring.dashboard.range')} value={days} onChange={(v) => set('days', v)} allowDeselect={false} w={180}
          data={RANGES.map((d) => ({ value: d, label: t('monitoring.dashboard.lastDays', { count: Number(d) }) }))} />
      </Group>
      <ErrorAlert error={dash.error ?? groups.error ?? queries.error} />
      {dash.isLoading && <Group gap="xs" role="status"><Loader size="sm" /><Text size="sm">{t('common.loading')}</Text></Group>}
      {dash.data && dash.data.queryIds.length === 0 && <Text role="status">{t('monitoring.dashboard.noQueries')}</Text>}
      {dash.data && dash.data.queryIds.length > 0 && <DashboardCharts data={dash.data} />}
      {dash.data && dash.data.queryIds.length > 0 && <MentionList scope={scope} from={from} to={to} />}
    </Stack>
  );
}
