import { Alert, Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post as postReq } from '../../api/client.ts';
import { useCan, useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, serverMessage, type Post } from './calendar-api.ts';

/**
 * The approval state of a post and, for a reviewer who is not its author (four-eyes), the decision:
 * approve, or request changes with a comment.
 */
export function ReviewPanel({ post, names }: { post: Post; names: Map<string, string> }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { me } = useWorkspaceState();
  const can = useCan();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const inReview = post.targets.some((x) => x.state === 'in_review');
  const isAuthor = post.authorId === me.user.id;
  const mayDecide = inReview && can('posts.approve') && !isAuthor;
  const decide = useMutation({
    mutationFn: (kind: 'approve' | 'request-changes') => postReq<Post>(`/workspaces/${ws.id}/posts/${post.id}/${kind}`, comment.trim() ? { comment: comment.trim() } : {}),
    onSuccess: async (p, kind) => {
      setComment('');
      qc.setQueryData(calendarKeys.post(ws.id, p.id), p);
      notifications.show({ color: 'teal', message: t(kind === 'approve' ? 'calendar.review.approvedMsg' : 'calendar.review.changesMsg'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
    },
  });
  const who = (id: string) => names.get(id) ?? t(`roles.${id}.name`, { defaultValue: id });
  const a = post.approval;

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('calendar.review.title')}</Title>
        {!a || a.steps.length === 0 ? <Text size="sm" c="dimmed">{t('calendar.review.noChain')}</Text> : (
          <List spacing="xs" aria-label={t('calendar.review.steps')}>
            {a.steps.map((s, i) => (
              <List.Item key={s.name + i}>
                <Group gap="xs">
                  <Text size="sm" fw={500}>{i + 1}. {s.name}</Text>
                  <Badge tt="none" variant={s.satisfied || a.pendingStep === i ? 'light' : 'default'} color={s.satisfied ? 'teal' : 'orange'} data-testid="approval-step">
                    {t(s.satisfied ? 'calendar.review.stepDone' : a.pendingStep === i ? 'calendar.review.stepPending' : 'calendar.review.stepLater')}
                  </Badge>
                </Group>
                {s.approvedBy.length > 0 && <Text size="xs" c="dimmed">{t('calendar.review.approvedBy', { names: s.approvedBy.map(who).join(', ') })}</Text>}
                {!s.satisfied && s.waitingFor.length > 0 && <Text size="xs" c="dimmed">{t('calendar.review.waitingFor', { names: s.waitingFor.map(who).join(', ') })}</Text>}
              </List.Item>
            ))}
          </List>
        )}
        {inReview && isAuthor && <Text size="sm" data-testid="four-eyes-note">{t('calendar.review.authorNote')}</Text>}
        {inReview && !isAuthor && !can('posts.approve') && <Text size="sm">{t('calendar.review.notReviewer')}</Text>}
        {mayDecide && (
          <Stack gap="xs">
            <Textarea label={t('calendar.review.comment')} description={t('calendar.review.commentHelp')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <Group>
              <Button color="teal.8" onClick={() => decide.mutate('approve')} loading={decide.isPending && decide.variables === 'approve'}>{t('calendar.review.approve')}</Button>
              <Button variant="default" onClick={() => decide.mutate('request-changes')} disabled={!comment.trim()} loading={decide.isPending && decide.variables === 'request-changes'}>
                {t('calendar.review.requestChanges')}
              </Button>
            </Group>
            <ErrorAlert error={decide.error} />
            {serverMessage(decide.error) && <Alert color="red" variant="light" title={t('calendar.serverSays')}>{serverMessage(decide.error)}</Alert>}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
