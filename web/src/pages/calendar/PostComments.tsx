import { Anchor, Badge, Button, Card, Group, MultiSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post as postReq } from '../../api/client.ts';
import { useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { calendarKeys, type Comment, type Post } from './calendar-api.ts';

function CommentBody({ c, names }: { c: Comment; names: Map<string, string> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div data-testid="comment">
      <Text size="xs" c="dimmed">{c.authorId ? (names.get(c.authorId) ?? '–') : '–'} · {formatDateTime(c.createdAt, lang)}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
      {c.mentions.length > 0 && (
        <Group gap={4} mt={2} aria-label={t('calendar.comments.mentioned')}>
          {c.mentions.map((id) => <Badge key={id} size="xs" variant="light" color="indigo.9" tt="none">@{names.get(id) ?? '–'}</Badge>)}
        </Group>
      )}
    </div>
  );
}

/**
 * Comments on the post, in threads (replies under their first comment), with mentions: members
 * picked here or written as @Name are notified in the app and by e-mail.
 */
export function PostComments({ post, names }: { post: Post; names: Map<string, string> }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { me } = useWorkspaceState();
  const qc = useQueryClient();
  const key = [...calendarKeys.post(ws.id, post.id), 'comments'];
  const comments = useQuery({ queryKey: key, queryFn: () => get<{ items: Comment[] }>(`/workspaces/${ws.id}/posts/${post.id}/comments`).then((r) => r.items) });
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const add = useMutation({
    mutationFn: () => postReq<Comment>(`/workspaces/${ws.id}/posts/${post.id}/comments`, { body, mentions, ...(replyTo ? { parentId: replyTo.id } : {}) }),
    onSuccess: async () => { setBody(''); setMentions([]); setReplyTo(null); await qc.invalidateQueries({ queryKey: key }); },
  });
  const roots = (comments.data ?? []).filter((c) => !c.parentId);
  const repliesOf = (id: string) => (comments.data ?? []).filter((c) => c.parentId === id);
  const others = [...names.entries()].filter(([id]) => id !== me.user.id).map(([value, label]) => ({ value, label }));
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">{t('calendar.post.comments')}</Title>
      <Stack gap="sm">
        {comments.data?.length === 0 && <Text size="sm" c="dimmed">{t('calendar.post.noComments')}</Text>}
        {roots.map((c) => (
          <Stack key={c.id} gap={6} data-testid="comment-thread">
            <CommentBody c={c} names={names} />
            {repliesOf(c.id).map((r) => (
              <div key={r.id} style={{ marginLeft: 16, paddingLeft: 10, borderLeft: '2px solid var(--mantine-color-gray-4)' }}>
                <CommentBody c={r} names={names} />
              </div>
            ))}
            <Anchor component="button" type="button" size="xs" onClick={() => setReplyTo(c)} aria-label={t('calendar.comments.replyTo', { name: c.authorId ? (names.get(c.authorId) ?? '–') : '–' })} style={{ alignSelf: 'flex-start' }}>
              {t('calendar.comments.reply')}
            </Anchor>
          </Stack>
        ))}
        <form onSubmit={(e) => { e.preventDefault(); if (body.trim()) add.mutate(); }}>
          <Stack gap="xs">
            {replyTo && (
              <Group gap="xs">
                <Text size="sm">{t('calendar.comments.replying', { name: replyTo.authorId ? (names.get(replyTo.authorId) ?? '–') : '–' })}</Text>
                <Anchor component="button" type="button" size="sm" onClick={() => setReplyTo(null)}>{t('calendar.cancel')}</Anchor>
              </Group>
            )}
            <Textarea label={t(replyTo ? 'calendar.comments.replyLabel' : 'calendar.post.newComment')} description={t('calendar.comments.mentionHelp')} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            <MultiSelect label={t('calendar.comments.notify')} placeholder={t('calendar.comments.notifyPlaceholder')} data={others} value={mentions} onChange={setMentions} searchable clearable maxValues={20} />
            <Group><Button type="submit" variant="default" disabled={!body.trim()} loading={add.isPending}>{t('calendar.post.addComment')}</Button></Group>
          </Stack>
        </form>
        <ErrorAlert error={comments.error ?? add.error} />
      </Stack>
    </Card>
  );
}
