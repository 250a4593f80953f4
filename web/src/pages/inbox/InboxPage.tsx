import { Alert, Anchor, Badge, Button, Card, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { get, patch } from '../../api/client.ts';
import { useLiveConnected, useLiveInvalidate } from '../../api/live.tsx';
import { useCan, useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useChannels } from '../calendar/calendar-api.ts';
import { ConversationPanel, type ConversationHandle } from './ConversationPanel.tsx';
import { inboxKeys, useInboxTeam, type ItemPage, type ListFilter } from './inbox-api.ts';
import { InboxFilters } from './InboxFilters.tsx';
import { ItemList } from './ItemList.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { useNow } from './SlaTimer.tsx';
import { useTriageKeys, type ShortcutAction } from './use-triage-keys.ts';

/**
 * The inbox: open items by SLA urgency (default), filters and search on the left, the selected
 * conversation on the right (`/inbox/items/:id`). Live events refetch both without a reload.
 */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.title'));
  const ws = useWorkspace();
  const me = useWorkspaceState().me.user.id;
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { itemId } = useParams();
  const [filter, setFilter] = useState<ListFilter>({});
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const panel = useRef<ConversationHandle>(null);
  const live = useLiveConnected();
  useLiveInvalidate('inbox.', inboxKeys.all(ws.id));
  const now = useNow();
  const channels = useChannels(ws.id);
  const { names, workers, assignable, everyone, refreshAbsences } = useInboxTeam(ws.id, { absences: true });
  const channelName = useCallback((id: string | null) => (id ? channels.data?.find((c) => c.id === id)?.name ?? '' : ''), [channels.data]);
  const list = useInfiniteQuery({
    queryKey: inboxKeys.list(ws.id, filter),
    queryFn: ({ pageParam }) => get<ItemPage>(`/workspaces/${ws.id}/inbox/items`, { ...filter, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const index = items.findIndex((i) => i.id === itemId);
  const selected = index >= 0 ? items[index] : undefined;
  const open = (id: string) => navigate(`/inbox/items/${id}`);
  const triage = useMutation({
    mutationFn: (body: Record<string, unknown>) => patch(`/workspaces/${ws.id}/inbox/items/${itemId}`, { ...body, ...(selected ? { version: selected.version } : {}) }),
    onSettled: () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws.id) }),
  });

  useTriageKeys((a: ShortcutAction) => {
    const work = can('inbox.work') && !!itemId;
    switch (a) {
      case 'next': if (items.length) open(items[Math.min(items.length - 1, index + 1)]!.id); break;
      case 'previous': if (items.length) open(items[Math.max(0, index - 1)]!.id); break;
      case 'open': if (!itemId && items[0]) open(items[0].id); break;
      case 'assignMe': if (work) triage.mutate({ assigneeId: me }); break;
      case 'waiting': if (work) triage.mutate({ status: 'waiting' }); break;
      case 'done': if (work) triage.mutate({ status: 'done' }); break;
      case 'spam': if (work) triage.mutate({ status: 'spam' }); break;
      case 'reply': panel.current?.focusReply(); break;
      case 'note': panel.current?.focusNote(); break;
      case 'search': searchRef.current?.focus(); break;
      case 'help': setHelp(true); break;
    }
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('inbox.title')}</Title>
          <Text c="dimmed" size="sm">{t('inbox.subtitle')}</Text>
        </div>
        <Group gap="xs">
          <Badge color={live ? 'teal.9' : 'gray.7'} variant="filled" tt="none" role="status" data-testid="live-indicator">{live ? t('inbox.live') : t('inbox.offline')}</Badge>
          <Button variant="default" size="xs" leftSection={<IconKeyboard size={14} aria-hidden />} onClick={() => setHelp(true)} aria-keyshortcuts="?">{t('inbox.keys.button')}</Button>
          <Button variant="default" size="xs" component={Link} to="/inbox/saved-replies">{t('inbox.nav.savedReplies')}</Button>
          <Button variant="default" size="xs" component={Link} to="/inbox/rules">{t('inbox.nav.rules')}</Button>
        </Group>
      </Group>
      <InboxFilters value={filter} onChange={setFilter} searchRef={searchRef} workers={workers}
        channels={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      <ErrorAlert error={list.error ?? triage.error} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding={0}>
            {list.isPending ? <Loader m="md" role="status" aria-label={t('inbox.loading')} /> : items.length === 0 ? (
              <Alert m="md" color="blue" variant="light" title={t('inbox.empty.title')}>
                <Text size="sm">{t('inbox.empty.body')}</Text>
                {can('channels.manage') && <Anchor component={Link} to="/calendar/channels" size="sm">{t('inbox.empty.channels')}</Anchor>}
              </Alert>
            ) : (
              <ItemList items={items} selectedId={itemId} onSelect={open} now={now} names={names} channelName={channelName} meId={me} />
            )}
            {list.hasNextPage && (
              <Group justify="center" p="sm"><Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('inbox.more')}</Button></Group>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {itemId
            ? <ConversationPanel ref={panel} ws={ws.id} itemId={itemId} names={names} workers={assignable} onAssigneePickerOpen={refreshAbsences} everyone={everyone} channelName={channelName} now={now} />
            : <Text c="dimmed">{t('inbox.pick')}</Text>}
        </Grid.Col>
      </Grid>
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
