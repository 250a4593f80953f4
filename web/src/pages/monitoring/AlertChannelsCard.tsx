import { ActionIcon, Badge, Button, Card, Group, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertChannelCreateSchema, WEBHOOK_FORMATS } from '../../../../common/schemas/listening.ts';
import { del, get, post } from '../../api/client.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useListeningBase, type AlertChannel } from './monitoring-api.ts';

interface Draft { kind: 'email' | 'webhook'; name: string; target: string; format: string; secret: string }
const EMPTY: Draft = { kind: 'email', name: '', target: '', format: 'json', secret: '' };

/** Where alerts go: e-mail addresses and webhooks (JSON, Slack, Teams, Matrix), optionally signed. */
export function AlertChannelsCard() {
  const { t } = useTranslation();
  const base = useListeningBase();
  const qc = useQueryClient();
  const writable = useCan()('listening.write');
  const channels = useQuery({ queryKey: ['listening', base, 'channels'], queryFn: () => get<{ items: AlertChannel[] }>(`${base}/alert-channels`) });
  const [d, setD] = useState<Draft>(EMPTY);
  const body = d.kind === 'email'
    ? { kind: 'email' as const, name: d.name, target: d.target }
    : { kind: 'webhook' as const, name: d.name, target: d.target, format: d.format, ...(d.secret ? { secret: d.secret } : {}) };
  // Same schema as the server: the button stays off until the channel would be accepted.
  const valid = alertChannelCreateSchema.safeParse(body);
  const refresh = () => qc.invalidateQueries({ queryKey: ['listening', base, 'channels'] });
  const create = useMutation({
    mutationFn: () => post<AlertChannel>(`${base}/alert-channels`, body),
    onSuccess: async (c) => { notifications.show({ color: 'teal', closeButtonProps: { 'aria-label': t('common.close') }, message: t('monitoring.channels.created', { name: c.name }) }); setD(EMPTY); await refresh(); },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`${base}/alert-channels/${id}`), onSuccess: refresh });
  const items = channels.data?.items ?? [];

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="channels-title">
      <Title order={2} size="h4" id="channels-title">{t('monitoring.channels.title')}</Title>
      <Text size="sm" c="dimmed" mt={4}>{t('monitoring.channels.help')}</Text>
      <Stack mt="md">
        <ErrorAlert error={channels.error ?? create.error ?? remove.error} />
        {channels.isSuccess && items.length === 0 && <Text size="sm" role="status">{t('monitoring.channels.empty')}</Text>}
        {items.length > 0 && (
          <ScrollTable minWidth={640} label={t('monitoring.channels.caption')}>
            <Table verticalSpacing="xs">
              <caption className="sr-only">{t('monitoring.channels.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('monitoring.channels.name')}</Table.Th>
                  <Table.Th scope="col">{t('monitoring.channels.kind')}</Table.Th>
                  <Table.Th scope="col">{t('monitoring.channels.target')}</Table.Th>
                  <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id} data-testid="channel-row">
                    <Table.Td><Text size="sm" fw={600}>{c.name}</Text></Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="light" color="gray" tt="none">{t(`monitoring.channels.kinds.${c.kind}`)}</Badge>
                        {c.kind === 'webhook' && <Badge variant="light" color="gray" tt="none">{t(`monitoring.channels.formats.${c.format}`)}</Badge>}
                        {c.hasSecret && <Badge variant="light" color="teal" tt="none">{t('monitoring.channels.signed')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{c.target}</Text></Table.Td>
                    <Table.Td ta="right">
                      {writable && (
                        <ActionIcon variant="subtle" color="red.9" onClick={() => remove.mutate(c.id)} aria-label={t('monitoring.channels.deleteFor', { name: c.name })}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {writable && (
          <form onSubmit={(e) => { e.preventDefault(); if (valid.success) create.mutate(); }} aria-labelledby="channel-new-title">
            <Title order={3} size="h5" id="channel-new-title" mb="xs">{t('monitoring.channels.new')}</Title>
            <Stack gap="sm">
              <SegmentedControl value={d.kind} onChange={(v) => setD({ ...d, kind: v as Draft['kind'] })} aria-label={t('monitoring.channels.kind')}
                data={[{ value: 'email', label: t('monitoring.channels.kinds.email') }, { value: 'webhook', label: t('monitoring.channels.kinds.webhook') }]} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('monitoring.channels.name')} required value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} maxLength={120} />
                <TextInput label={d.kind === 'email' ? t('monitoring.channels.email') : t('monitoring.channels.url')} required type={d.kind === 'email' ? 'email' : 'url'}
                  value={d.target} onChange={(e) => setD({ ...d, target: e.currentTarget.value })} />
                {d.kind === 'webhook' && (
                  <Select label={t('monitoring.channels.format')} value={d.format} onChange={(v) => setD({ ...d, format: v ?? 'json' })} allowDeselect={false}
                    data={WEBHOOK_FORMATS.map((f) => ({ value: f, label: t(`monitoring.channels.formats.${f}`) }))} />
                )}
                {d.kind === 'webhook' && (
                  <PasswordInput label={t('monitoring.channels.secret')} description={t('monitoring.channels.secretHelp')} value={d.secret}
                    onChange={(e) => setD({ ...d, secret: e.currentTarget.value })} autoComplete="new-password" />
                )}
              </SimpleGrid>
              <Group><Button type="submit" variant="default" disabled={!valid.success} loading={create.isPending}>{t('monitoring.channels.add')}</Button></Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
