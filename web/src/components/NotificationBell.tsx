/**
 * The bell in the header: unread count (live), the latest notices, a link to each, "mark all read".
 * The count updates when a `notification.*` live event arrives for this user.
 */
import { ActionIcon, Anchor, Badge, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppNotification } from '../../../common/schemas/notifications.ts';
import { get, post } from '../api/client.ts';
import { useLiveInvalidate } from '../api/live.tsx';
import { formatDateTime } from '../lib/format.ts';

/** Links from notices are app paths; absolute links (older alerts) are shown as they are. */
const isAppPath = (l: string) => l.startsWith('/') && !l.startsWith('//');

export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const key = ['notifications', workspaceId] as const; // prefix: also refreshes other notification lists
  useLiveInvalidate('notification.', key);
  const q = useQuery({ queryKey: key, queryFn: () => get<{ items: AppNotification[]; unread: number }>(`/workspaces/${workspaceId}/notifications`, { limit: 20 }), refetchInterval: 120_000 });
  const readAll = useMutation({
    mutationFn: () => post(`/workspaces/${workspaceId}/notifications/read`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const unread = q.data?.unread ?? 0;
  // The name contains the visible badge text (WCAG 2.5.3), in a form axe can match (no brackets around it).
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread, shown: unread > 99 ? '99+' : String(unread) }) : t('notifications.bell');

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)} data-testid="notification-bell">
          <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} color="red" offset={2} aria-hidden>
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={t('notifications.title')}>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('notifications.title')}</Text>
          {unread > 0 && <Button size="compact-sm" variant="subtle" onClick={() => readAll.mutate()} loading={readAll.isPending}>{t('notifications.markAllRead')}</Button>}
        </Group>
        {q.data && q.data.items.length === 0 && <Text size="sm" c="dimmed">{t('notifications.empty')}</Text>}
        <ScrollArea.Autosize mah={380} type="auto">
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {q.data?.items.map((n) => (
              <li key={n.id} data-testid="notification-item">
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {!n.readAt && <Badge size="xs" color="red" variant="filled" mt={4}>{t('notifications.new')}</Badge>}
                  <div>
                    {n.link && isAppPath(n.link)
                      ? <Anchor component={Link} to={n.link} size="sm" fw={500} onClick={() => setOpened(false)}>{n.title}</Anchor>
                      : <Text size="sm" fw={500}>{n.title}</Text>}
                    <Text size="sm">{n.body}</Text>
                    <Text size="xs" c="gray.7">{formatDateTime(n.createdAt, i18n.language)}</Text>
                  </div>
                </Group>
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
