import { Badge, Card, Code, Stack, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, patch } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useListeningBase, type Source } from './monitoring-api.ts';
import { ImportButton } from './ImportButton.tsx';
import { SourceForm } from './SourceForm.tsx';

const STATUS_COLOR: Record<string, string> = { running: 'teal', connecting: 'indigo', backoff: 'orange', error: 'red', disabled: 'gray', idle: 'gray', polling: 'teal', open: 'teal' };

/** The sources of the workspace with their health: status, last event, counters; switch them on and off. */
export function SourcesPage() {
  const { t, i18n } = useTranslation();
  const base = useListeningBase();
  const ws = useWorkspace();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const writable = useCan()('listening.write');
  const sources = useQuery({ queryKey: ['listening', base, 'sources'], queryFn: () => get<{ items: Source[] }>(`${base}/sources`), refetchInterval: 30_000 });
  const toggle = useMutation({
    mutationFn: (s: Source) => patch<Source>(`${base}/sources/${s.id}`, { enabled: !s.enabled }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['listening', base, 'sources'] }),
  });
  const n = (v: number) => formatNumber(v, lang);
  const statusLabel = (s: string) => (i18n.exists(`monitoring.status.${s}`) ? t(`monitoring.status.${s}`) : s);
  const items = sources.data?.items ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={2} size="h3">{t('monitoring.sources.title')}</Title>
        <Text size="sm" c="dimmed" mt={4}>{t('monitoring.sources.help')}</Text>
      </div>
      <ErrorAlert error={sources.error ?? toggle.error} />
      <Card withBorder padding={0}>
        <ScrollTable minWidth={980} label={t('monitoring.sources.caption')}>
          <Table verticalSpacing="sm" horizontalSpacing="md" striped>
            <caption className="sr-only">{t('monitoring.sources.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.sources.name')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.sources.enabled')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.sources.status')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.sources.lastEvent')}</Table.Th>
                <Table.Th scope="col" ta="right">{t('monitoring.sources.received')}</Table.Th>
                <Table.Th scope="col" ta="right">{t('monitoring.sources.stored')}</Table.Th>
                <Table.Th scope="col" ta="right">{t('monitoring.sources.duplicates')}</Table.Th>
                <Table.Th scope="col" ta="right">{t('monitoring.sources.errors')}</Table.Th>
                <Table.Th scope="col" ta="right">{t('monitoring.sources.reconnects')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="source-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>{s.name}</Text>
                    {t(`monitoring.sourceKinds.${s.kind}`) !== s.name && <Text size="xs" c="dimmed">{t(`monitoring.sourceKinds.${s.kind}`)}</Text>}
                    {s.webhookUrl && <Code style={{ overflowWrap: 'anywhere' }}>{s.webhookUrl}</Code>}
                    {s.kind === 'import' && writable && <ImportButton source={s} />}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('monitoring.sources.readOnly')} disabled={writable}>
                      <Switch checked={s.enabled} disabled={!writable || toggle.isPending} onChange={() => toggle.mutate(s)}
                        aria-label={t('monitoring.sources.toggleFor', { name: s.name })} />
                    </Tooltip>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 170 }}>
                    <Badge variant="light" color={STATUS_COLOR[s.health.status] ?? 'gray'} tt="none">{statusLabel(s.health.status)}</Badge>
                    {s.health.statusReason && <Text size="xs" mt={4}>{s.health.statusReason}</Text>}
                    {s.health.lastErrorAt && <Text size="xs" c="red.9">{t('monitoring.sources.lastError', { at: formatDateTime(s.health.lastErrorAt, lang, ws.timezone) })}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{s.health.lastEventAt ? formatDateTime(s.health.lastEventAt, lang, ws.timezone) : t('monitoring.sources.never')}</Text></Table.Td>
                  <Table.Td ta="right">{n(s.health.received)}</Table.Td>
                  <Table.Td ta="right">{n(s.health.stored)}</Table.Td>
                  <Table.Td ta="right">{n(s.health.duplicates)}</Table.Td>
                  <Table.Td ta="right">{n(s.health.errors)}</Table.Td>
                  <Table.Td ta="right">{n(s.health.reconnects)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {sources.isSuccess && items.length === 0 && <Text p="lg" c="dimmed" role="status">{t('monitoring.sources.empty')}</Text>}
      </Card>
      {writable && <SourceForm />}
    </Stack>
  );
}
