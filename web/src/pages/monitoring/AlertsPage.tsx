import { Badge, Button, Card, Group, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ALERT_SENSITIVITIES } from '../../../../common/schemas/listening.ts';
import { get, patch, post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime, formatNumber, localeTag } from '../../lib/format.ts';
import { AlertChannelsCard } from './AlertChannelsCard.tsx';
import { useListeningBase, useSavedQueries, type Alert, type AppNotification, type SavedQuery } from './monitoring-api.ts';

/** Alerts: per-query rules (on/off, sensitivity), channels, recent alerts and the in-app notifications. */
export function AlertsPage() {
  const { t } = useTranslation();
  const base = useListeningBase();
  const ws = useWorkspace();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const writable = useCan()('listening.write');
  const queries = useSavedQueries();
  const alerts = useQuery({ queryKey: ['listening', base, 'alerts'], queryFn: () => get<{ items: Alert[] }>(`${base}/alerts`, { limit: 50 }) });
  const notesUrl = `${base.replace(/\/listening$/, '')}/notifications`;
  const notes = useQuery({ queryKey: ['notifications', ws.id, 'page'], queryFn: () => get<{ items: AppNotification[] }>(notesUrl) });
  const rule = useMutation({
    mutationFn: ({ q, change }: { q: SavedQuery; change: Partial<Pick<SavedQuery, 'alertEnabled' | 'alertSensitivity'>> }) => patch<SavedQuery>(`${base}/queries/${q.id}`, change),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['listening', base, 'queries'] }),
  });
  const ack = useMutation({ mutationFn: (id: string) => post(`${base}/alerts/${id}/acknowledge`), onSuccess: () => qc.invalidateQueries({ queryKey: ['listening', base, 'alerts'] }) });
  const readAll = useMutation({ mutationFn: () => post(`${notesUrl}/read`, {}), onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications', ws.id] }) });
  const fmt = (v: number, kind: Alert['kind']) => (kind === 'negative_share'
    ? new Intl.NumberFormat(localeTag(lang), { style: 'percent', maximumFractionDigits: 0 }).format(v)
    : formatNumber(Math.round(v * 10) / 10, lang));
  const alertItems = alerts.data?.items ?? [];
  const noteItems = notes.data?.items ?? [];
  const unread = noteItems.filter((x) => !x.readAt).length;
  // Links in alert e-mails and webhooks point here with ?alert=<id>: show that alert first.
  const focused = useSearchParams()[0].get('alert');
  useEffect(() => {
    if (focused && alerts.isSuccess) document.getElementById(`alert-${focused}`)?.scrollIntoView({ block: 'center' });
  }, [focused, alerts.isSuccess]);

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="rules-title">
        <Title order={2} size="h4" id="rules-title">{t('monitoring.alerts.rulesTitle')}</Title>
        <Text size="sm" c="dimmed" mt={4}>{t('monitoring.alerts.rulesHelp')}</Text>
        <ErrorAlert error={queries.error ?? rule.error} />
        <ScrollTable minWidth={600} label={t('monitoring.alerts.rulesTitle')}>
          <Table mt="sm" verticalSpacing="xs">
            <caption className="sr-only">{t('monitoring.alerts.rulesTitle')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.queries.name')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.alerts.active')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.editor.sensitivity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(queries.data?.items ?? []).map((q) => (
                <Table.Tr key={q.id}>
                  <Table.Td><Text size="sm" fw={600}>{q.name}</Text></Table.Td>
                  <Table.Td>
                    <Switch checked={q.alertEnabled} disabled={!writable} onChange={(e) => rule.mutate({ q, change: { alertEnabled: e.currentTarget.checked } })}
                      aria-label={t('monitoring.alerts.activeFor', { name: q.name })} />
                  </Table.Td>
                  <Table.Td>
                    <Select value={q.alertSensitivity} allowDeselect={false} disabled={!writable || !q.alertEnabled} w={200} aria-label={t('monitoring.alerts.sensitivityFor', { name: q.name })}
                      onChange={(v) => v && rule.mutate({ q, change: { alertSensitivity: v as SavedQuery['alertSensitivity'] } })}
                      data={ALERT_SENSITIVITIES.map((s) => ({ value: s, label: t(`monitoring.sensitivity.${s}`) }))} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Card>
      <AlertChannelsCard />
      <Card withBorder padding="lg" component="section" aria-labelledby="alerts-title">
        <Title order={2} size="h4" id="alerts-title">{t('monitoring.alerts.recentTitle')}</Title>
        <ErrorAlert error={alerts.error ?? ack.error} />
        {alerts.isSuccess && alertItems.length === 0 && <Text size="sm" mt="sm" role="status">{t('monitoring.alerts.none')}</Text>}
        <Stack gap="sm" mt="sm">
          {alertItems.map((a) => (
            <Card key={a.id} id={`alert-${a.id}`} withBorder padding="md" data-testid="alert-item" aria-current={a.id === focused ? 'true' : undefined}
              style={a.id === focused ? { borderColor: 'var(--mantine-color-indigo-7)', borderWidth: 2 } : undefined}>
              <Group justify="space-between" align="flex-start">
                <div>
                  <Group gap="xs">
                    <Text fw={600} size="sm">{a.queryName}</Text>
                    <Badge variant="light" color={a.kind === 'negative_share' ? 'red' : 'orange'} tt="none">{t(`monitoring.alerts.kinds.${a.kind}`)}</Badge>
                    <Badge variant="light" color="gray" tt="none">{t(`monitoring.sensitivity.${a.sensitivity}`, { defaultValue: a.sensitivity })}</Badge>
                  </Group>
                  <Text size="sm" mt={4}>{t('monitoring.alerts.observed', { observed: fmt(a.observed, a.kind), expected: fmt(a.expected, a.kind) })}</Text>
                  <Text size="xs" c="dimmed">
                    {t('monitoring.alerts.window', { from: formatDateTime(a.windowStart, lang, ws.timezone), to: formatDateTime(a.windowEnd, lang, ws.timezone) })}
                    {' · '}
                    {t('monitoring.alerts.deliveries', { ok: a.deliveries.filter((x) => x.ok).length, total: a.deliveries.length })}
                  </Text>
                </div>
                {a.acknowledgedAt
                  ? <Text size="sm">{t('monitoring.alerts.acknowledgedAt', { at: formatDateTime(a.acknowledgedAt, lang, ws.timezone) })}</Text>
                  : <Button size="xs" variant="default" onClick={() => ack.mutate(a.id)} loading={ack.isPending}>{t('monitoring.alerts.acknowledge')}</Button>}
              </Group>
            </Card>
          ))}
        </Stack>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="notes-title">
        <Group justify="space-between">
          <Title order={2} size="h4" id="notes-title">{t('monitoring.notifications.title')}</Title>
          {unread > 0 && <Button size="xs" variant="default" onClick={() => readAll.mutate()} loading={readAll.isPending}>{t('monitoring.notifications.readAll')}</Button>}
        </Group>
        <ErrorAlert error={notes.error ?? readAll.error} />
        {notes.isSuccess && noteItems.length === 0 && <Text size="sm" mt="sm" role="status">{t('monitoring.notifications.empty')}</Text>}
        <Stack gap="xs" mt="sm">
          {noteItems.map((x) => (
            <div key={x.id}>
              <Group gap="xs">
                <Text size="sm" fw={x.readAt ? 400 : 700}>{x.title}</Text>
                {!x.readAt && <Badge variant="light" color="indigo" tt="none">{t('monitoring.notifications.unread')}</Badge>}
              </Group>
              <Text size="sm">{x.body}</Text>
              <Text size="xs" c="dimmed">{formatDateTime(x.createdAt, lang, ws.timezone)}</Text>
            </div>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
