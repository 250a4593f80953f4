import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Channel, OverdueItem } from './calendar-api.ts';

type Action = 'publish_now' | 'reschedule' | 'cancel';

/** After resuming: posts whose time passed while paused, each waiting for a decision (never sent automatically). */
export function OverdueList({ items, channels, onDecided }: { items: OverdueItem[]; channels: Channel[]; onDecided: (targetId: string) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const lang = currentLanguage();
  const [times, setTimes] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: ({ item, action }: { item: OverdueItem; action: Action }) =>
      post(`/workspaces/${ws.id}/publishing/targets/${item.targetId}/decision`, action === 'reschedule' ? { action, schedule: { local: times[item.targetId] } } : { action }),
    onSuccess: (_r, v) => onDecided(v.item.targetId),
  });
  return (
    <Card withBorder padding="lg" data-testid="overdue-list">
      <Title order={2} size="h4" mb={4}>{t('calendar.overdue.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('calendar.overdue.text')}</Text>
      {items.length === 0 ? <Text size="sm">{t('calendar.overdue.none')}</Text> : (
        <ScrollTable minWidth={720} label={t('calendar.overdue.title')}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('calendar.post.channel')}</Table.Th>
                <Table.Th scope="col">{t('calendar.post.time')}</Table.Th>
                <Table.Th scope="col">{t('calendar.composer.text')}</Table.Th>
                <Table.Th scope="col">{t('calendar.overdue.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.targetId}>
                  <Table.Td>{channels.find((c) => c.id === o.channelId)?.name ?? '–'}</Table.Td>
                  <Table.Td>{o.scheduledAt ? formatDateTime(o.scheduledAt, lang) : '–'}</Table.Td>
                  <Table.Td><Text size="sm" lineClamp={2}>{o.text}</Text></Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Group gap={4}>
                        <Button size="xs" onClick={() => decide.mutate({ item: o, action: 'publish_now' })}>{t('calendar.overdue.publishNow')}</Button>
                        <Button size="xs" variant="default" onClick={() => decide.mutate({ item: o, action: 'cancel' })}>{t('calendar.overdue.cancel')}</Button>
                      </Group>
                      <Group gap={4} align="flex-end">
                        <TextInput size="xs" type="datetime-local" label={t('calendar.overdue.newTime')} value={times[o.targetId] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setTimes((x) => ({ ...x, [o.targetId]: v })); }} />
                        <Button size="xs" variant="default" disabled={!times[o.targetId]} onClick={() => decide.mutate({ item: o, action: 'reschedule' })}>{t('calendar.overdue.reschedule')}</Button>
                      </Group>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <ErrorAlert error={decide.error} />
    </Card>
  );
}
