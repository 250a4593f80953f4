import { Anchor, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/FullPageLoader.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { calendarKeys, postState, useChannels, useMemberNames, type Post } from './calendar-api.ts';
import { ComposerForm } from './ComposerForm.tsx';
import { PostComments } from './PostComments.tsx';
import { TargetTable, VersionHistory } from './PostHistory.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { StateBadge } from './StateBadge.tsx';

/** `/calendar/posts/:id`: the post in the composer, its approval, per-channel status, history, comments. */
export function PostPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.post.title'));
  const { id = '' } = useParams();
  const ws = useWorkspace();
  const can = useCan();
  const channels = useChannels(ws.id);
  const names = useMemberNames(ws.id);
  const post = useQuery({ queryKey: calendarKeys.post(ws.id, id), queryFn: () => get<Post>(`/workspaces/${ws.id}/posts/${id}`) });
  if (post.isPending || channels.isPending) return <FullPageLoader />;
  const p = post.data;
  const state = p ? postState(p) : null;
  const locked = p?.targets.some((x) => x.state === 'publishing' || x.state === 'published') ?? true;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/calendar" size="sm">{t('calendar.backToPlan')}</Anchor>
        <Group gap="sm" mt={4}>
          <Title order={1}>{t('calendar.post.title')}</Title>
          {state && <StateBadge size="lg" state={state} data-testid="post-state" />}
        </Group>
        {p && <Text c="dimmed" mt={4}>{t('calendar.post.subtitle', { version: p.version, author: p.authorId ? (names.get(p.authorId) ?? '–') : '–' })}</Text>}
      </div>
      <ErrorAlert error={post.error ?? channels.error} />
      {p && channels.data && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <ComposerForm key={`${p.id}:${p.version}:${p.updatedAt}`} existing={p} channels={channels.data} readOnly={!can('posts.write') || locked} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <ReviewPanel post={p} names={names} />
              <TargetTable post={p} channels={channels.data} />
              <PostComments post={p} names={names} />
              <VersionHistory post={p} names={names} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
