import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { crisisKeys, useWorkspaceChannels, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** The explicit review list of what the pause held back; decided one by one or in bulk once the crisis ends. */
export function HeldBackPanel({ room }: { room: CrisisRoom }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const channels = useWorkspaceChannels();
  const decide = useMutation({
    mutationFn: (v: { targetIds: string[]; action: 'publish_now' | 'cancel' }) => post(`/workspaces/${ws.id}/crises/${room.crisis.id}/held-back`, v),
    onSuccess: () => qc.invalidateQueries({ queryKey: crisisKeys.room(ws.id, room.crisis.id) }),
  });
  const held = room.heldBack.filter((h) => h.held);
  const mayDecide = can('publishing.pause') && room.crisis.state !== 'active';
  const channelName = (id: string) => channels.data?.items.find((c) => c.id === id)?.name ?? '';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="held-title">
      <Title order={2} size="h4" id="held-title">{t('crisis.held.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t(room.crisis.state === 'active' ? 'crisis.held.whileActive' : 'crisis.held.afterEnd')}</Text>
      {room.heldBack.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.held.none')}</Text> : (
        <Stack gap="xs">
          {mayDecide && held.length > 1 && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => decide.mutate({ targetIds: held.map((h) => h.targetId), action: 'publish_now' })}>{t('crisis.held.publishAll')}</Button>
              <Button size="xs" variant="default" onClick={() => decide.mutate({ targetIds: held.map((h) => h.targetId), action: 'cancel' })}>{t('crisis.held.cancelAll')}</Button>
            </Group>
          )}
          {room.heldBack.map((h) => (
            <Group key={h.targetId} justify="space-between" wrap="nowrap" data-testid="held-row">
              <div>
                <Text size="sm">{h.text}</Text>
                <Text size="xs" c="dimmed">{channelName(h.channelId)} · {h.scheduledAt ? t('crisis.held.wasDue', { at: formatDateTime(h.scheduledAt, lang) }) : ''}</Text>
              </div>
              {mayDecide && h.held ? (
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" onClick={() => decide.mutate({ targetIds: [h.targetId], action: 'publish_now' })}>{t('crisis.held.publish')}</Button>
                  <Button size="xs" variant="default" onClick={() => decide.mutate({ targetIds: [h.targetId], action: 'cancel' })}>{t('crisis.held.cancel')}</Button>
                </Group>
              ) : <Badge color="orange" variant="light">{t('crisis.held.waiting')}</Badge>}
            </Group>
          ))}
        </Stack>
      )}
      <CrisisError error={decide.error} />
    </Card>
  );
}
