import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useCan, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { inboxKeys, type Conversation, type Reply } from './inbox-api.ts';

const REPLY_COLOUR: Record<string, string> = { sent: 'teal.9', in_review: '#8a4b00', sending: 'blue.9', failed: 'red.9', rejected: 'gray.8' };

function ReplyCard({ ws, r, names }: { ws: string; r: Reply; names: Map<string, string> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const me = useWorkspaceState().me.user.id;
  const lang = currentLanguage();
  const act = useMutation({
    mutationFn: (path: 'decision' | 'retry') => post(`/workspaces/${ws}/inbox/replies/${r.id}/${path}`, path === 'decision' ? { decision: 'approved' } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws) }),
  });
  const reject = useMutation({
    mutationFn: () => post(`/workspaces/${ws}/inbox/replies/${r.id}/decision`, { decision: 'rejected' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws) }),
  });
  return (
    <Card withBorder padding="sm" data-testid="reply-card">
      <Group justify="space-between">
        <Text size="sm" fw={600}>{r.kind === 'reply' ? t('inbox.timeline.ourReply', { name: names.get(r.authorId ?? '') ?? '–' }) : t(`inbox.timeline.${r.kind}`, { name: names.get(r.authorId ?? '') ?? '–' })}</Text>
        <Badge color={REPLY_COLOUR[r.state]} variant="outline" tt="none">{t(`inbox.replyState.${r.state}`)}</Badge>
      </Group>
      {r.text && <Text size="sm" className="inbox-text" mt={4}>{r.text}</Text>}
      <Group gap="xs" mt={4}>
        <Text size="xs" c="dimmed">{formatDateTime(r.sentAt ?? r.createdAt, lang)}</Text>
        {r.remoteUrl && <Anchor size="xs" href={r.remoteUrl} target="_blank" rel="noreferrer">{t('inbox.timeline.onNetwork')}</Anchor>}
        {r.lastError && <Text size="xs" c="red.8">{r.lastError}</Text>}
      </Group>
      {r.approval && (
        <Text size="xs" c="dimmed" mt={4}>{r.approval.steps.map((s) => `${s.name}: ${s.satisfied ? '✓' : '…'}`).join(' · ')}</Text>
      )}
      {r.state === 'in_review' && can('posts.read') && r.authorId !== me && (
        <Group gap="xs" mt="xs">
          <Button size="xs" onClick={() => act.mutate('decision')} loading={act.isPending}>{t('inbox.timeline.approve')}</Button>
          <Button size="xs" variant="default" onClick={() => reject.mutate()} loading={reject.isPending}>{t('inbox.timeline.reject')}</Button>
        </Group>
      )}
      {r.state === 'failed' && can('inbox.work') && <Button size="xs" mt="xs" variant="default" onClick={() => act.mutate('retry')} loading={act.isPending}>{t('inbox.timeline.retry')}</Button>}
      <ErrorAlert error={act.error ?? reject.error} />
    </Card>
  );
}

/** An open expert request, with "withdraw" for those who work the inbox (the link then stops working). */
function OpenEscalation({ ws, itemId, e }: { ws: string; itemId: string; e: Conversation['escalations'][number] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const lang = currentLanguage();
  const who = [e.expertName, e.department].filter(Boolean).join(', ') || e.expertEmail || '–';
  const cancel = useMutation({
    mutationFn: () => post(`/workspaces/${ws}/inbox/items/${itemId}/escalations/${e.id}/cancel`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws) }),
  });
  return (
    <Card withBorder padding="xs" data-testid="escalation-open">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('inbox.timeline.escalationOpen', { who, due: formatDateTime(e.dueAt, lang) })}</Text>
        {can('inbox.work') && (
          <Button size="compact-xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate()} aria-label={t('inbox.timeline.withdrawFor', { who })}>{t('inbox.timeline.withdraw')}</Button>
        )}
      </Group>
      {cancel.error && <ErrorAlert error={cancel.error} />}
    </Card>
  );
}

/** Our replies, internal notes and expert escalations of an item, oldest first. */
export function ItemTimeline({ ws, conv, names }: { ws: string; conv: Conversation; names: Map<string, string> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const entries = [
    ...conv.replies.map((r) => ({ at: r.createdAt, node: <ReplyCard key={`r${r.id}`} ws={ws} r={r} names={names} /> })),
    ...conv.notes.map((n) => ({
      at: n.createdAt,
      node: (
        <Card key={`n${n.id}`} withBorder padding="sm" bg={n.kind === 'expert' ? 'teal.0' : 'yellow.0'} data-testid="note-card">
          <Group justify="space-between">
            <Text size="sm" fw={600}>{t(`inbox.timeline.note.${n.kind}`, { name: n.authorName ?? '–' })}</Text>
            <Text size="xs" c="dimmed">{formatDateTime(n.createdAt, lang)}</Text>
          </Group>
          <Text size="sm" className="inbox-text">{n.body}</Text>
        </Card>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Stack gap="xs" aria-label={t('inbox.timeline.title')} role="region">
      {conv.escalations.filter((e) => e.state === 'open').map((e) => <OpenEscalation key={e.id} ws={ws} itemId={conv.item.id} e={e} />)}
      {entries.map((e) => e.node)}
    </Stack>
  );
}
