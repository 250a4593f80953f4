import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NETWORKS } from '../../../../common/schemas/publishing.ts';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NoAccess } from '../../components/NoAccess.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { calendarKeys, useChannels, usePublishingSettings, type Channel, type OverdueItem } from './calendar-api.ts';
import { ConnectModal } from './ConnectModal.tsx';
import { OverdueList } from './OverdueList.tsx';
import { PolicyCard } from './PolicyCard.tsx';
import { SlotsModal, slotSummary } from './SlotsModal.tsx';

const STATUS_COLOR: Record<Channel['status'], string> = { not_connected: 'gray', connected: 'teal', needs_reauth: 'orange' };

/** `/calendar/channels`: channels with their connection status, connecting, and the pause switches. */
export function ChannelsPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.channels.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const channels = useChannels(ws.id);
  const settings = usePublishingSettings(ws.id);
  const [connecting, setConnecting] = useState<Channel | null>(null);
  const [editingSlots, setEditingSlots] = useState<Channel | null>(null);
  const [overdue, setOverdue] = useState<OverdueItem[] | null>(null);
  const [network, setNetwork] = useState<string | null>('mastodon');
  const [name, setName] = useState('');
  const mayPause = can('publishing.pause');

  const toggle = useMutation({
    mutationFn: ({ path, paused }: { path: string; paused: boolean }) => post<{ items: OverdueItem[] }>(`/workspaces/${ws.id}/${path}/${paused ? 'pause' : 'resume'}`),
    onSuccess: async (r, v) => {
      notifications.show({ color: 'teal', message: t(v.paused ? 'calendar.pause.pausedMsg' : 'calendar.pause.resumedMsg'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      setOverdue(v.paused ? null : r.items);
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
    },
  });
  const create = useMutation({
    mutationFn: () => post<Channel>(`/workspaces/${ws.id}/channels`, { network, name }),
    onSuccess: async () => { setName(''); await qc.invalidateQueries({ queryKey: calendarKeys.channels(ws.id) }); },
  });
  if (!can('channels.manage')) return <NoAccess reason="forbidden" />;
  const wsPaused = settings.data?.paused ?? false;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/calendar" size="sm">{t('calendar.backToPlan')}</Anchor>
        <Title order={1} mt={4}>{t('calendar.channels.title')}</Title>
        <Text c="dimmed" mt={4}>{t('calendar.channels.subtitle')}</Text>
      </div>
      <ErrorAlert error={channels.error ?? settings.error ?? toggle.error} />
      <Card withBorder padding="lg">
        <Group justify="space-between">
          <div>
            <Title order={2} size="h4">{t('calendar.pause.title')}</Title>
            <Text size="sm" mt={4} data-testid="workspace-publishing">{t(wsPaused ? 'calendar.pause.isPaused' : 'calendar.pause.isActive')}</Text>
          </div>
          {mayPause && (
            <Button color={wsPaused ? 'teal.8' : 'red.8'} onClick={() => toggle.mutate({ path: 'publishing', paused: !wsPaused })} loading={toggle.isPending}>
              {t(wsPaused ? 'calendar.pause.resumeAll' : 'calendar.pause.pauseAll')}
            </Button>
          )}
        </Group>
      </Card>
      <PolicyCard workspaceId={ws.id} settings={settings.data} />
      {overdue && channels.data && <OverdueList items={overdue} channels={channels.data} onDecided={(id) => setOverdue((o) => o?.filter((x) => x.targetId !== id) ?? null)} />}
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">{t('calendar.channels.listTitle')}</Title>
        {channels.data?.length === 0 && <Text size="sm" c="dimmed">{t('calendar.channels.empty')}</Text>}
        {channels.data && channels.data.length > 0 && (
          <ScrollTable minWidth={980} label={t('calendar.channels.listTitle')}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.channels.name')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.channels.network')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.channels.status')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.channels.publishing')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.slots.column')}</Table.Th>
                  <Table.Th scope="col"><span className="sr-only">{t('calendar.actions')}</span></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {channels.data.map((c) => (
                  <Table.Tr key={c.id} data-testid="channel-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>{c.name}</Text>
                      <Text size="xs" c="dimmed">{c.accountHandle ?? c.serviceUrl ?? ''}</Text>
                    </Table.Td>
                    <Table.Td>{t(`calendar.network.${c.network}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[c.status]} variant={c.status === 'not_connected' ? 'default' : 'light'} tt="none">{t(`calendar.channelStatus.${c.status}`)}</Badge>
                      {c.statusReason && <Text size="xs" mt={2}>{c.statusReason}</Text>}
                    </Table.Td>
                    <Table.Td>{t(c.paused ? 'calendar.pause.channelPaused' : 'calendar.pause.channelActive')}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.defaultSlots.length ? slotSummary(c.defaultSlots, (n) => t(`calendar.weekdaysShort.${n}`)) : '–'}</Text>
                      <Anchor component="button" type="button" size="xs" onClick={() => setEditingSlots(c)} aria-label={t('calendar.slots.editFor', { name: c.name })}>{t('calendar.slots.edit')}</Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant={c.status === 'connected' ? 'default' : 'filled'} onClick={() => setConnecting(c)} aria-label={t(c.status === 'connected' ? 'calendar.channels.reconnectFor' : 'calendar.channels.connectFor', { name: c.name })}>
                          {t(c.status === 'connected' ? 'calendar.channels.reconnect' : 'calendar.channels.connect')}
                        </Button>
                        {mayPause && (
                          <Button size="xs" variant="default" onClick={() => toggle.mutate({ path: `channels/${c.id}`, paused: !c.paused })} aria-label={t(c.paused ? 'calendar.pause.resumeFor' : 'calendar.pause.pauseFor', { name: c.name })}>
                            {t(c.paused ? 'calendar.pause.resume' : 'calendar.pause.pause')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">{t('calendar.channels.addTitle')}</Title>
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Group align="flex-end">
            <Select label={t('calendar.channels.network')} data={NETWORKS.map((n) => ({ value: n, label: t(`calendar.network.${n}`) }))} value={network} onChange={setNetwork} allowDeselect={false} w={180} />
            <TextInput label={t('calendar.channels.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required w={280} />
            <Button type="submit" variant="default" loading={create.isPending}>{t('calendar.channels.add')}</Button>
          </Group>
        </form>
        <ErrorAlert error={create.error} />
      </Card>
      {connecting && <ConnectModal channel={connecting} onClose={() => setConnecting(null)} />}
      {editingSlots && <SlotsModal workspaceId={ws.id} timezone={ws.timezone} channel={editingSlots} onClose={() => setEditingSlots(null)} />}
    </Stack>
  );
}
