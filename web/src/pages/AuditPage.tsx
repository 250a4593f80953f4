import { Anchor, Badge, Button, Card, Code, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { apiUrl, get } from '../api/client.ts';
import { useWorkspace } from '../api/session.tsx';
import type { AuditEntry, AuditPage as Page, Team } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { currentLanguage } from '../i18n/index.ts';
import { actionKey, AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, auditQuery } from '../lib/audit-actions.ts';
import { dayBoundary, formatDateTime, formatNumber } from '../lib/format.ts';

interface Filters {
  action: string | null;
  objectType: string | null;
  actorUserId: string | null;
  fromDay: string;
  toDay: string;
}
const EMPTY: Filters = { action: null, objectType: null, actorUserId: null, fromDay: '', toDay: '' };

/** The audit trail of the workspace: filters, newest first, "load more" by cursor, CSV export. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.audit'));
  const ws = useWorkspace();
  const lang = currentLanguage();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [detail, setDetail] = useState<AuditEntry | null>(null);
  const query = auditQuery({ ...applied, from: dayBoundary(applied.fromDay, 'start'), to: dayBoundary(applied.toDay, 'end') });
  const team = useQuery({ queryKey: ['team', ws.id], queryFn: () => get<Team>(`/workspaces/${ws.id}/members`) });
  const log = useInfiniteQuery({
    queryKey: ['audit', ws.id, query],
    queryFn: ({ pageParam }) => get<Page>(`/workspaces/${ws.id}/audit`, { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const label = (action: string) => (i18n.exists(actionKey(action)) ? t(actionKey(action)) : action);
  const typeLabel = (type: string) => (i18n.exists(`audit.types.${type}`) ? t(`audit.types.${type}`) : type);
  const csvHref = apiUrl(`/workspaces/${ws.id}/audit`, { ...query, format: 'csv' });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.audit')}</Title>
          <Text c="dimmed" mt={4}>{t('audit.subtitle')}</Text>
        </div>
        <Button component="a" href={csvHref} download="audit.csv" variant="default" leftSection={<IconDownload size={16} aria-hidden />}>{t('audit.csv')}</Button>
      </Group>
      <Card withBorder padding="lg" component="section" aria-labelledby="audit-filter-heading">
        <Title order={2} size="h5" mb="sm" id="audit-filter-heading">{t('audit.filters')}</Title>
        <form onSubmit={(e) => { e.preventDefault(); setApplied(draft); }}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
            <Select label={t('audit.action')} placeholder={t('audit.all')} searchable clearable value={draft.action} onChange={(v) => setDraft({ ...draft, action: v })}
              data={AUDIT_ACTIONS.map((a) => ({ value: a, label: label(a) }))} />
            <Select label={t('audit.objectType')} placeholder={t('audit.all')} clearable value={draft.objectType} onChange={(v) => setDraft({ ...draft, objectType: v })}
              data={AUDIT_OBJECT_TYPES.map((o) => ({ value: o, label: typeLabel(o) }))} />
            <Select label={t('audit.actor')} placeholder={t('audit.all')} searchable clearable value={draft.actorUserId} onChange={(v) => setDraft({ ...draft, actorUserId: v })}
              data={(team.data?.members ?? []).map((m) => ({ value: m.userId, label: m.name }))} />
            <TextInput type="date" label={t('audit.from')} value={draft.fromDay} onChange={(e) => setDraft({ ...draft, fromDay: e.currentTarget.value })} />
            <TextInput type="date" label={t('audit.to')} value={draft.toDay} onChange={(e) => setDraft({ ...draft, toDay: e.currentTarget.value })} />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit">{t('audit.apply')}</Button>
            <Button variant="default" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); }}>{t('audit.reset')}</Button>
          </Group>
        </form>
      </Card>
      <ErrorAlert error={log.error} />
      <Card withBorder padding={0}>
        <ScrollTable minWidth={760} label={t('audit.caption')}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover striped>
            <caption className="sr-only">{t('audit.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.when')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.object')}</Table.Th>
                <Table.Th scope="col">{t('audit.ip')}</Table.Th>
                <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="audit-row" data-action={r.action}>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, lang, ws.timezone)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{r.actorName ?? t('audit.system')}</Text></Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>{label(r.action)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">{r.action}</Text>
                  </Table.Td>
                  <Table.Td><Badge variant="light" color="gray" tt="none">{typeLabel(r.objectType)}</Badge></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{r.ip ?? '—'}</Text></Table.Td>
                  <Table.Td ta="right">
                    <Anchor component="button" type="button" size="sm" onClick={() => setDetail(r)} aria-label={t('audit.detailsFor', { id: formatNumber(r.id, lang) })}>{t('audit.details')}</Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {log.isSuccess && rows.length === 0 && <Text p="lg" c="dimmed" role="status">{t('audit.empty')}</Text>}
      </Card>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">{t('audit.shown', { count: rows.length, n: formatNumber(rows.length, lang) })}</Text>
        {log.hasNextPage && <Button variant="light" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>{t('audit.more')}</Button>}
      </Group>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={detail !== null} onClose={() => setDetail(null)} title={detail ? label(detail.action) : ''} size="lg">
        {detail && (
          <Stack gap="xs">
            <Text size="sm"><strong>{t('audit.when')}:</strong> {formatDateTime(detail.createdAt, lang, ws.timezone)}</Text>
            <Text size="sm"><strong>{t('audit.actor')}:</strong> {detail.actorName ?? t('audit.system')}{detail.actorTokenId ? ` (${t('audit.viaToken')})` : ''}</Text>
            <Text size="sm"><strong>{t('audit.object')}:</strong> {typeLabel(detail.objectType)} <Code>{detail.objectId ?? '—'}</Code></Text>
            <Text size="sm"><strong>{t('audit.requestId')}:</strong> <Code>{detail.requestId ?? '—'}</Code></Text>
            <Text size="sm" fw={600} mt="xs">{t('audit.diff')}</Text>
            <Code block>{JSON.stringify(detail.diff, null, 2) ?? '—'}</Code>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
