import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { crisisKeys, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

const SENTIMENT_COLOR = { negative: 'red', neutral: 'gray', positive: 'teal' } as const;

/** Mentions, comments and inbox items of the crisis, newest first; in a drill, items can be marked handled (response time). */
export function RoomFeed({ room }: { room: CrisisRoom }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const handle = useMutation({
    mutationFn: (id: string) => post(`/workspaces/${ws.id}/crises/${room.crisis.id}/drill-items/${id}/handle`),
    onSuccess: () => qc.invalidateQueries({ queryKey: crisisKeys.room(ws.id, room.crisis.id) }),
  });
  const drill = room.crisis.drill;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="feed-title">
      <Title order={2} size="h4" id="feed-title">{t(drill ? 'crisis.feed.drillTitle' : 'crisis.feed.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t(drill ? 'crisis.feed.drillHelp' : room.inboxConnected ? 'crisis.feed.help' : 'crisis.feed.noInbox')}</Text>
      {room.feed.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.feed.empty')}</Text> : (
        <Stack gap="xs" style={{ maxHeight: 520, overflowY: 'auto' }} tabIndex={0} aria-label={t(drill ? 'crisis.feed.drillTitle' : 'crisis.feed.title')}>
          {room.feed.map((f) => (
            <Card key={f.id} withBorder padding="xs" data-testid="feed-item" style={{ flexShrink: 0 }}>
              <Group gap="xs" mb={4}>
                <Badge size="sm" variant="light" color="gray" tt="none">{t(`crisis.feed.kind.${f.kind}`)} · {f.network}</Badge>
                <Badge size="sm" variant="light" color={SENTIMENT_COLOR[f.sentiment]}>{t(`crisis.sentiment.${f.sentiment}`)}</Badge>
                <Text size="xs" c="dimmed">{f.author ?? ''} · {formatDateTime(f.at, lang)}</Text>
              </Group>
              <Text size="sm">{f.text}</Text>
              <Group gap="xs" mt={4}>
                {f.url && <Anchor href={f.url} target="_blank" rel="noreferrer" size="xs">{t('crisis.feed.open')}</Anchor>}
                {drill && (f.handledAt
                  ? <Text size="xs" c="dimmed">{t('crisis.feed.handledAt', { at: formatDateTime(f.handledAt, lang) })}</Text>
                  : room.crisis.state === 'active' && <Button size="compact-xs" variant="default" onClick={() => handle.mutate(f.id)} loading={handle.isPending && handle.variables === f.id}>{t('crisis.feed.handle')}</Button>)}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <CrisisError error={handle.error} />
    </Card>
  );
}
