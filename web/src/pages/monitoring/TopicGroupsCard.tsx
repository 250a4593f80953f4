import { ActionIcon, Badge, Button, Card, Group, List, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TOPIC_GROUP_KINDS } from '../../../../common/schemas/listening.ts';
import { del, post } from '../../api/client.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useListeningBase, useTopicGroups } from './monitoring-api.ts';

/** Topic groups (organisation, competitors, topics) that bundle queries for dashboards and share of voice. */
export function TopicGroupsCard() {
  const { t } = useTranslation();
  const base = useListeningBase();
  const qc = useQueryClient();
  const writable = useCan()('listening.write');
  const groups = useTopicGroups();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('topic');
  const refresh = () => qc.invalidateQueries({ queryKey: ['listening', base] });
  const create = useMutation({ mutationFn: () => post(`${base}/topic-groups`, { name: name.trim(), kind }), onSuccess: async () => { setName(''); await refresh(); } });
  const remove = useMutation({ mutationFn: (id: string) => del(`${base}/topic-groups/${id}`), onSuccess: refresh });
  const items = groups.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="groups-title">
      <Title order={2} size="h4" id="groups-title">{t('monitoring.groups.title')}</Title>
      <Text size="sm" c="dimmed" mt={4}>{t('monitoring.groups.help')}</Text>
      <ErrorAlert error={groups.error ?? create.error ?? remove.error} />
      {items.length === 0 && groups.isSuccess && <Text size="sm" mt="md">{t('monitoring.groups.empty')}</Text>}
      <List mt="md" spacing="xs" listStyleType="none">
        {items.map((g) => (
          <List.Item key={g.id}>
            <Group gap="sm">
              <Text size="sm" fw={600}>{g.name}</Text>
              <Badge variant="light" color="gray" tt="none">{t(`monitoring.groupKinds.${g.kind}`)}</Badge>
              {writable && (
                <ActionIcon variant="subtle" color="red.9" onClick={() => remove.mutate(g.id)} aria-label={t('monitoring.groups.deleteFor', { name: g.name })}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {writable && (
        <form onSubmit={(e) => { e.preventDefault(); if (name.trim()) create.mutate(); }}>
          <Stack gap="sm" mt="md">
            <Group align="flex-end">
              <TextInput label={t('monitoring.groups.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} w={280} />
              <Select label={t('monitoring.groups.kind')} value={kind} onChange={(v) => setKind(v ?? 'topic')} allowDeselect={false} w={200}
                data={TOPIC_GROUP_KINDS.map((k) => ({ value: k, label: t(`monitoring.groupKinds.${k}`) }))} />
              <Button type="submit" variant="default" disabled={!name.trim()} loading={create.isPending}>{t('monitoring.groups.add')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
