import { Anchor, Badge, Button, Card, Code, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { del } from '../../api/client.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { TopicGroupsCard } from './TopicGroupsCard.tsx';
import { useListeningBase, useSavedQueries, useTopicGroups, type SavedQuery } from './monitoring-api.ts';

/** Saved queries with their topic group and alert settings, plus the topic groups themselves. */
export function QueriesPage() {
  const { t } = useTranslation();
  const base = useListeningBase();
  const qc = useQueryClient();
  const writable = useCan()('listening.write');
  const queries = useSavedQueries();
  const groups = useTopicGroups();
  const [removing, setRemoving] = useState<SavedQuery | null>(null);
  const groupName = new Map((groups.data?.items ?? []).map((g) => [g.id, g.name]));
  const remove = useMutation({
    mutationFn: (q: SavedQuery) => del(`${base}/queries/${q.id}`),
    onSuccess: async () => {
      notifications.show({ color: 'teal', closeButtonProps: { 'aria-label': t('common.close') }, message: t('monitoring.queries.deleted', { name: removing?.name }) });
      setRemoving(null);
      await qc.invalidateQueries({ queryKey: ['listening', base] });
    },
  });
  const items = queries.data?.items ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">{t('monitoring.queries.title')}</Title>
        {writable && <Button component={Link} to="/monitoring/queries/new" leftSection={<IconPlus size={16} aria-hidden />}>{t('monitoring.queries.new')}</Button>}
      </Group>
      <ErrorAlert error={queries.error ?? remove.error} />
      <Card withBorder padding={0}>
        <ScrollTable minWidth={820} label={t('monitoring.queries.caption')}>
          <Table verticalSpacing="sm" horizontalSpacing="md" striped>
            <caption className="sr-only">{t('monitoring.queries.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.queries.name')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.queries.group')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.queries.query')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.queries.status')}</Table.Th>
                <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((q) => (
                <Table.Tr key={q.id} data-testid="query-row">
                  <Table.Td><Text size="sm" fw={600}>{q.name}</Text></Table.Td>
                  <Table.Td><Text size="sm">{q.groupId ? groupName.get(q.groupId) ?? '—' : t('monitoring.editor.noGroup')}</Text></Table.Td>
                  <Table.Td><Code style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{q.normalized}</Code></Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="light" color={q.enabled ? 'teal' : 'gray'} tt="none">{q.enabled ? t('monitoring.queries.active') : t('monitoring.queries.paused')}</Badge>
                      {q.alertEnabled && <Badge variant="light" color="orange" tt="none">{t('monitoring.queries.alertBadge', { sensitivity: t(`monitoring.sensitivity.${q.alertSensitivity}`) })}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" justify="flex-end" wrap="nowrap">
                      <Anchor component={Link} size="sm" to={`/monitoring?scope=query:${q.id}`} aria-label={t('monitoring.queries.dashboardFor', { name: q.name })}>{t('monitoring.queries.dashboard')}</Anchor>
                      {writable && <Anchor component={Link} size="sm" to={`/monitoring/queries/${q.id}`} aria-label={t('monitoring.queries.editFor', { name: q.name })}>{t('monitoring.queries.edit')}</Anchor>}
                      {writable && <Anchor component="button" type="button" size="sm" c="red.9" onClick={() => setRemoving(q)} aria-label={t('monitoring.queries.deleteFor', { name: q.name })}>{t('monitoring.queries.delete')}</Anchor>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {queries.isSuccess && items.length === 0 && <Text p="lg" c="dimmed" role="status">{t('monitoring.queries.empty')}</Text>}
      </Card>
      <TopicGroupsCard />
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={removing !== null} onClose={() => setRemoving(null)} title={t('monitoring.queries.deleteTitle')}>
        <Text size="sm">{t('monitoring.queries.deleteConfirm', { name: removing?.name })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
          <Button color="red.9" loading={remove.isPending} onClick={() => removing && remove.mutate(removing)}>{t('monitoring.queries.delete')}</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
