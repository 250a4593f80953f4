/** Response-time targets: service hours and holidays, targets per channel and priority, and the report (median, p90, share within target). */
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEDERAL_STATES, SLA_GROUPS } from '../../../../common/schemas/sla.ts';
import { apiUrl, get, put } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, messageOf, useChannelList, type SlaReport, type SlaSettings } from './community-api.ts';
import { SlaClosedDays, SlaPolicies } from './SlaPolicies.tsx';

const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

export function SlaPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.sla.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: communityKeys.of(ws.id, 'sla'), queryFn: () => get<SlaSettings>(`/workspaces/${ws.id}/sla/settings`) });
  const channels = useChannelList(ws.id);
  const [draft, setDraft] = useState<SlaSettings | null>(null);
  useEffect(() => { if (settings.data) setDraft(settings.data); }, [settings.data]);
  const [from, setFrom] = useState(monthAgo());
  const [to, setTo] = useState(today());
  const [groupBy, setGroupBy] = useState<(typeof SLA_GROUPS)[number]>('week');
  const report = useQuery({ queryKey: communityKeys.of(ws.id, 'sla-report', from, to, groupBy), queryFn: () => get<SlaReport>(`/workspaces/${ws.id}/sla/report`, { from, to, groupBy }) });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const manage = can('community.manage');
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await put(`/workspaces/${ws.id}/sla/settings`, {
        hours: draft!.hours, federalState: draft!.federalState, warnAtPercent: draft!.warnAtPercent, firstResponseMinutes: draft!.firstResponseMinutes, resolutionMinutes: draft!.resolutionMinutes,
        policies: draft!.policies, closedDays: draft!.closedDays,
      });
      setSaved(true);
      await qc.invalidateQueries({ queryKey: communityKeys.of(ws.id, 'sla') });
    } catch (e) { setError(messageOf(e)); }
  };
  const setDay = (d: string, field: 'start' | 'end', v: string) => {
    const cur = draft!.hours[d as '1']?.[0] ?? { start: '08:00', end: '18:00' };
    setDraft({ ...draft!, hours: { ...draft!.hours, [d]: [{ ...cur, [field]: v }] } });
  };
  const closeDay = (d: string) => { const h = { ...draft!.hours }; delete h[d as '1']; setDraft({ ...draft!, hours: h }); };
  const fmt = (n: number | null) => (n === null ? '–' : String(n));

  return (
    <Stack>
      <Title order={1}>{t('community.sla.title')}</Title>
      <Text c="dimmed">{t('community.sla.intro')}</Text>
      {settings.error && <ErrorAlert error={settings.error} />}
      {draft && (
        <Card withBorder>
          <Title order={2} size="h4">{t('community.sla.settings')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            <NumberInput label={t('community.sla.firstResponse')} min={1} value={draft.firstResponseMinutes} disabled={!manage} onChange={(v) => setDraft({ ...draft, firstResponseMinutes: Number(v) })} />
            <NumberInput label={t('community.sla.resolution')} min={1} value={draft.resolutionMinutes} disabled={!manage} onChange={(v) => setDraft({ ...draft, resolutionMinutes: Number(v) })} />
            <NumberInput label={t('community.sla.warnAt')} min={10} max={99} value={draft.warnAtPercent} disabled={!manage} onChange={(v) => setDraft({ ...draft, warnAtPercent: Number(v) })} />
            <Select label={t('community.sla.state')} clearable placeholder={t('community.sla.nationwide')} value={draft.federalState} disabled={!manage} onChange={(v) => setDraft({ ...draft, federalState: v as SlaSettings['federalState'] })} data={FEDERAL_STATES.map((s) => ({ value: s, label: t(`community.states.${s}`) }))} />
          </SimpleGrid>
          <Title order={3} size="h5" mt="md">{t('community.sla.hours')}</Title>
          {['1', '2', '3', '4', '5', '6', '7'].map((d) => {
            const iv = draft.hours[d as '1']?.[0];
            return (
              <Group key={d} mt={4} align="end">
                <Text w={110}>{t(`community.weekday.${d}`)}</Text>
                {iv ? (
                  <>
                    <TextInput type="time" aria-label={`${t(`community.weekday.${d}`)} ${t('community.roster.start')}`} value={iv.start} disabled={!manage} onChange={(e) => setDay(d, 'start', e.currentTarget.value)} />
                    <TextInput type="time" aria-label={`${t(`community.weekday.${d}`)} ${t('community.roster.end')}`} value={iv.end} disabled={!manage} onChange={(e) => setDay(d, 'end', e.currentTarget.value)} />
                    {manage && <Button size="xs" variant="subtle" onClick={() => closeDay(d)}>{t('community.sla.closed')}</Button>}
                  </>
                ) : (
                  <>{manage ? <Button size="xs" variant="light" onClick={() => setDay(d, 'start', '08:00')}>{t('community.sla.open')}</Button> : <Text c="dimmed">{t('community.sla.closedDay')}</Text>}</>
                )}
              </Group>
            );
          })}
          <SlaPolicies policies={draft.policies} channels={channels.data ?? []} disabled={!manage} onChange={(policies) => setDraft({ ...draft, policies })} />
          <SlaClosedDays days={draft.closedDays} disabled={!manage} onChange={(closedDays) => setDraft({ ...draft, closedDays })} />
          {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}
          {saved && <Alert color="teal" mt="sm">{t('community.saved')}</Alert>}
          {manage && <Button mt="md" onClick={() => void save()}>{t('community.save')}</Button>}
        </Card>
      )}
      <Card withBorder>
        <Group justify="space-between">
          <Title order={2} size="h4">{t('community.sla.report')}</Title>
          <Button component="a" size="xs" variant="default" href={apiUrl(`/workspaces/${ws.id}/sla/report.csv`, { from, to, groupBy })}>{t('community.exportCsv')}</Button>
        </Group>
        <Group mt="xs" align="end">
          <TextInput type="date" label={t('community.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('community.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Select label={t('community.sla.groupBy')} value={groupBy} onChange={(v) => setGroupBy((v ?? 'week') as typeof groupBy)} data={SLA_GROUPS.map((g) => ({ value: g, label: t(`community.sla.by.${g}`) }))} />
        </Group>
        {report.error && <ErrorAlert error={report.error} />}
        {report.data && (
          <ScrollTable minWidth={640} label={t('community.sla.report')}>
            <Table striped mt="sm">
              <Table.Thead><Table.Tr><Table.Th>{t(`community.sla.by.${groupBy}`)}</Table.Th><Table.Th ta="right">{t('community.sla.items')}</Table.Th><Table.Th ta="right">{t('community.sla.answered')}</Table.Th><Table.Th ta="right">{t('community.sla.median')}</Table.Th><Table.Th ta="right">p90</Table.Th><Table.Th ta="right">{t('community.sla.within')}</Table.Th><Table.Th ta="right">{t('community.sla.breachedOpen')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {[...report.data.rows, { ...report.data.total, label: t('community.sla.total'), key: 'total' }].map((r) => (
                  <Table.Tr key={r.key ?? 'none'} fw={r.key === 'total' ? 700 : undefined}>
                    <Table.Td>{r.label || '–'}</Table.Td><Table.Td ta="right">{r.items}</Table.Td><Table.Td ta="right">{r.answered}</Table.Td><Table.Td ta="right">{fmt(r.medianMinutes)}</Table.Td><Table.Td ta="right">{fmt(r.p90Minutes)}</Table.Td><Table.Td ta="right">{r.withinTargetShare === null ? '–' : `${r.withinTargetShare} %`}</Table.Td><Table.Td ta="right">{r.breachedOpen}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <Text size="xs" c="dimmed" mt="xs">{t('community.sla.reportNote')}</Text>
      </Card>
    </Stack>
  );
}
