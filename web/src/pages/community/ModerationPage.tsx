/**
 * The moderation record: every action with clause, reason, who and when; filters; the one-click
 * answer to "how many accounts did you block and why" (statistics per clause and month); CSV and PDF
 * export; open rule suggestions and bans waiting for a second person.
 */
import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MODERATION_ACTIONS, MODERATION_STATUSES } from '../../../../common/schemas/moderation.ts';
import { apiUrl, get } from '../../api/client.ts';
import { useLiveInvalidate } from '../../api/live.tsx';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, useNetiquette, type Action, type Flag, type Stats } from './community-api.ts';

const today = () => new Date().toISOString().slice(0, 10);
const yearStart = () => `${new Date().getFullYear()}-01-01`;

export function ModerationPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('community.moderation.title'));
  const ws = useWorkspace();
  useLiveInvalidate('moderation.', communityKeys.all(ws.id));
  const [action, setAction] = useState<string | null>(null);
  const [clauseId, setClauseId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState(yearStart());
  const [to, setTo] = useState(today());
  const netiquette = useNetiquette(ws.id);
  const filter = { action: action ?? undefined, clauseId: clauseId ?? undefined, status: status ?? undefined, from, to };
  const list = useQuery({ queryKey: communityKeys.of(ws.id, 'actions', filter), queryFn: () => get<{ items: Action[] }>(`/workspaces/${ws.id}/moderation/actions`, filter).then((r) => r.items) });
  const pending = useQuery({ queryKey: communityKeys.of(ws.id, 'actions', 'pending'), queryFn: () => get<{ items: Action[] }>(`/workspaces/${ws.id}/moderation/actions`, { status: 'awaiting_confirmation' }).then((r) => r.items) });
  const [statsFor, setStatsFor] = useState<string | null>(null);
  const stats = useQuery({ queryKey: communityKeys.of(ws.id, 'stats', from, to, statsFor), queryFn: () => get<Stats>(`/workspaces/${ws.id}/moderation/stats`, { from, to, action: statsFor ?? undefined }) });
  const flags = useQuery({ queryKey: communityKeys.of(ws.id, 'flags'), queryFn: () => get<{ items: Flag[] }>(`/workspaces/${ws.id}/moderation/flags`).then((r) => r.items) });
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const clauses = netiquette.data?.clauses ?? [];

  return (
    <Stack>
      <Title order={1}>{t('community.moderation.title')}</Title>
      <Text c="dimmed">{t('community.moderation.intro')}</Text>

      {(pending.data?.length ?? 0) > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">{t('community.moderation.pendingTitle')}</Title>
          <Stack gap="xs" mt="xs">
            {pending.data!.map((a) => (
              <Group key={a.id} justify="space-between">
                <Text size="sm">{when(a.createdAt)} · {a.clauseTitle} · {a.actorName}</Text>
                <Anchor component={Link} to={`/community/moderation/${a.id}`}>{t('community.moderation.review')}</Anchor>
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      <Card withBorder>
        <Title order={2} size="h4">{t('community.moderation.statsTitle')}</Title>
        <Group mt="xs" align="end">
          <TextInput type="date" label={t('community.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('community.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Button variant={statsFor === 'block' ? 'filled' : 'light'} onClick={() => setStatsFor(statsFor === 'block' ? null : 'block')}>{t('community.moderation.howManyBlocked')}</Button>
        </Group>
        {stats.error && <ErrorAlert error={stats.error} />}
        {stats.data && (
          <>
            <Text mt="sm" fw={600}>{t('community.moderation.statsTotals', { actions: stats.data.totals.actions, accounts: stats.data.totals.accounts })}</Text>
            {stats.data.rows.length === 0 ? <Text c="dimmed" size="sm">{t('community.moderation.statsEmpty')}</Text> : (
              <ScrollTable minWidth={560} label={t('community.moderation.statsTitle')}>
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>{t('community.moderation.month')}</Table.Th><Table.Th>{t('community.moderation.actionCol')}</Table.Th><Table.Th>{t('community.moderation.clause')}</Table.Th><Table.Th ta="right">{t('community.moderation.count')}</Table.Th><Table.Th ta="right">{t('community.moderation.accounts')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {stats.data.rows.map((r) => (
                      <Table.Tr key={`${r.month}-${r.action}-${r.clauseCode}`}><Table.Td>{r.month}</Table.Td><Table.Td>{t(`community.moderation.action.${r.action}`)}</Table.Td><Table.Td>{r.clauseTitle}</Table.Td><Table.Td ta="right">{r.count}</Table.Td><Table.Td ta="right">{r.accounts}</Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </>
        )}
      </Card>

      {(flags.data?.length ?? 0) > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">{t('community.moderation.flagsTitle')}</Title>
          <Text size="sm" c="dimmed">{t('community.moderation.flagsIntro')}</Text>
          <Stack gap="xs" mt="xs">
            {flags.data!.map((f) => (
              <Group key={`${f.itemId}-${f.ruleId}`} justify="space-between" wrap="nowrap">
                <Text size="sm" lineClamp={2}><Badge variant="light" mr="xs">{f.clauseTitle}</Badge>{f.authorHandle}: {f.text}</Text>
                <Anchor component={Link} to={`/community/moderation/items/${f.itemId}`}>{t('community.moderation.check')}</Anchor>
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      <Card withBorder>
        <Group justify="space-between">
          <Title order={2} size="h4">{t('community.moderation.recordTitle')}</Title>
          <Group gap="xs">
            <Button component="a" variant="default" size="xs" href={apiUrl(`/workspaces/${ws.id}/moderation/actions.csv`, filter)}>{t('community.exportCsv')}</Button>
            <Button component="a" variant="default" size="xs" href={apiUrl(`/workspaces/${ws.id}/moderation/actions.pdf`, { from, to, action: action ?? undefined })}>{t('community.exportPdf')}</Button>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
          <Select label={t('community.moderation.actionCol')} clearable value={action} onChange={setAction} data={MODERATION_ACTIONS.map((a) => ({ value: a, label: t(`community.moderation.action.${a}`) }))} />
          <Select label={t('community.moderation.clause')} clearable value={clauseId} onChange={setClauseId} data={clauses.map((c) => ({ value: c.id, label: lang === 'de' ? c.titleDe : c.titleEn }))} />
          <Select label={t('community.moderation.statusCol')} clearable value={status} onChange={setStatus} data={MODERATION_STATUSES.map((s) => ({ value: s, label: t(`community.moderation.status.${s}`) }))} />
        </SimpleGrid>
        {list.error && <ErrorAlert error={list.error} />}
        {list.data && list.data.length === 0 && <Text mt="sm" c="dimmed">{t('community.moderation.empty')}</Text>}
        {list.data && list.data.length > 0 && (
          <ScrollTable minWidth={800} label={t('community.moderation.recordTitle')}>
            <Table striped mt="sm">
              <Table.Thead><Table.Tr><Table.Th>{t('community.moderation.when')}</Table.Th><Table.Th>{t('community.moderation.actionCol')}</Table.Th><Table.Th>{t('community.moderation.clause')}</Table.Th><Table.Th>{t('community.moderation.reason')}</Table.Th><Table.Th>{t('community.moderation.author')}</Table.Th><Table.Th>{t('community.moderation.statusCol')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td><Anchor component={Link} to={`/community/moderation/${a.id}`}>{when(a.createdAt)}</Anchor></Table.Td>
                    <Table.Td>{t(`community.moderation.action.${a.action}`)}</Table.Td>
                    <Table.Td>{a.clauseTitle}</Table.Td>
                    <Table.Td><Text size="sm" lineClamp={2}>{a.reason}</Text></Table.Td>
                    <Table.Td>{a.evidence.authorHandle ?? '–'}</Table.Td>
                    <Table.Td><Badge variant="light" h="auto" py={2} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }} color={a.status === 'failed' ? 'red' : a.status === 'awaiting_confirmation' ? 'orange' : 'teal'}>{t(`community.moderation.status.${a.status}`)}</Badge></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Card>
    </Stack>
  );
}
