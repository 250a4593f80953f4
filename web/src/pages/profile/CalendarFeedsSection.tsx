/**
 * Calendar subscriptions: a secret iCal URL per feed kind (editorial plan, duty roster …) for
 * Outlook, Google or Apple calendars. The URL is shown once after creating it; creating again
 * replaces it (the old URL stops working).
 */
import { Button, Card, CopyButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api/client.ts';
import { useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';

interface FeedList {
  items: { kind: string; createdAt: string; lastUsedAt: string | null }[];
  available: { kind: string; title: { de: string; en: string } }[];
}

export function CalendarFeedsSection() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspaceState();
  const qc = useQueryClient();
  const [shown, setShown] = useState<{ kind: string; url: string } | null>(null);
  const base = `/workspaces/${workspace?.id}/calendar-feeds`;
  const key = ['calendar-feeds', workspace?.id];
  const list = useQuery({ queryKey: key, queryFn: () => get<FeedList>(base), enabled: !!workspace });
  const create = useMutation({
    mutationFn: (kind: string) => post<{ kind: string; url: string }>(base, { kind }),
    onSuccess: async (r) => { setShown(r); await qc.invalidateQueries({ queryKey: key }); },
  });
  const revoke = useMutation({
    mutationFn: (kind: string) => del(`${base}/${kind}`),
    onSuccess: async () => { setShown(null); await qc.invalidateQueries({ queryKey: key }); },
  });
  if (!workspace || !list.data || list.data.available.length === 0) return null;
  const lang = i18n.language === 'en' ? 'en' : 'de';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="feeds-heading">
      <Title order={2} size="h4" mb={4} id="feeds-heading">{t('feeds.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('feeds.text', { workspace: workspace.name })}</Text>
      <ErrorAlert error={create.error ?? revoke.error} />
      <Table>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('feeds.kind')}</Table.Th><Table.Th>{t('feeds.state')}</Table.Th><Table.Th><span className="sr-only">{t('feeds.actions')}</span></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.available.map((a) => {
            const feed = list.data!.items.find((i) => i.kind === a.kind);
            return (
              <Table.Tr key={a.kind}>
                <Table.Td>{a.title[lang]}</Table.Td>
                <Table.Td>
                  {feed
                    ? t('feeds.active', { created: formatDateTime(feed.createdAt, i18n.language), used: feed.lastUsedAt ? formatDateTime(feed.lastUsedAt, i18n.language) : t('feeds.never') })
                    : t('feeds.none')}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant={feed ? 'default' : 'filled'} onClick={() => create.mutate(a.kind)} loading={create.isPending && create.variables === a.kind}>
                      {feed ? t('feeds.rotate') : t('feeds.create')}
                    </Button>
                    {feed && <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(a.kind)}>{t('feeds.revoke')}</Button>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {shown && (
        <Stack gap={4} mt="md">
          <Group align="flex-end" wrap="nowrap">
            <TextInput label={t('feeds.url')} description={t('feeds.urlHint')} value={shown.url} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={shown.url}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? t('feeds.copied') : t('feeds.copy')}</Button>}</CopyButton>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
