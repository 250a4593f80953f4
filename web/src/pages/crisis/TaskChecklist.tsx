import { Badge, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { crisisKeys, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** The playbook's checklist with owners and due times; late tasks are marked in words, not colour alone. */
export function TaskChecklist({ room, nameOf }: { room: CrisisRoom; nameOf: (id: string | null) => string | null }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const toggle = useMutation({
    mutationFn: (v: { id: string; done: boolean }) => patch(`/workspaces/${ws.id}/crises/${room.crisis.id}/tasks/${v.id}`, { done: v.done }),
    onSuccess: () => qc.invalidateQueries({ queryKey: crisisKeys.room(ws.id, room.crisis.id) }),
  });
  const active = room.crisis.state === 'active';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="tasks-title">
      <Title order={2} size="h4" id="tasks-title" mb="xs">{t('crisis.tasks.title')}</Title>
      {room.tasks.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.tasks.none')}</Text> : (
        <Stack gap="xs">
          {room.tasks.map((task) => (
            <Group key={task.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid="task">
              <Checkbox checked={Boolean(task.doneAt)} disabled={!active || toggle.isPending} onChange={(e) => toggle.mutate({ id: task.id, done: e.currentTarget.checked })}
                label={task.title} description={`${nameOf(task.ownerId) ?? t('crisis.tasks.noOwner')} · ${t('crisis.tasks.due', { at: formatDateTime(task.dueAt, lang) })}`} />
              {task.late && <Badge color="red" variant="light" style={{ flexShrink: 0 }}>{t(task.doneAt ? 'crisis.tasks.doneLate' : 'crisis.tasks.overdue')}</Badge>}
            </Group>
          ))}
        </Stack>
      )}
      <CrisisError error={toggle.error} />
    </Card>
  );
}
