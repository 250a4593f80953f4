import { Accordion, Anchor, Card, Code, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { calendarKeys, type Channel, type Post, type Version } from './calendar-api.ts';
import { StateBadge } from './StateBadge.tsx';
import { WithdrawTarget } from './WithdrawTarget.tsx';

type ThreadPart = NonNullable<Post['targets'][number]['thread']>['parts'][number];

/** A thread's progress: how many parts are out, with a link to each (a resumed thread shows its gap). */
function ThreadProgress({ parts }: { parts: ThreadPart[] }) {
  const { t } = useTranslation();
  const out = parts.filter((p) => p.remoteId).length;
  return (
    <Text size="sm" data-testid="thread-progress">
      {t('calendar.post.threadProgress', { out, count: parts.length })}
      {parts.map((p, i) => p.remoteUrl && (
        <Anchor key={i} href={p.remoteUrl} target="_blank" rel="noreferrer" size="sm" ml={6} aria-label={t('calendar.post.openPart', { n: i + 1 })}>{i + 1}</Anchor>
      ))}
    </Text>
  );
}

/** Per channel: state, time, link to the published post (each part of a thread), and the network's own error message. */
export function TargetTable({ post, channels }: { post: Post; channels: Channel[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const name = (id: string) => channels.find((c) => c.id === id)?.name ?? id;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">{t('calendar.post.targets')}</Title>
      {post.targets.length === 0 ? <Text size="sm" c="dimmed">{t('calendar.post.noTargets')}</Text> : (
        <ScrollTable minWidth={560} label={t('calendar.post.targets')}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('calendar.post.channel')}</Table.Th>
                <Table.Th scope="col">{t('calendar.post.state')}</Table.Th>
                <Table.Th scope="col">{t('calendar.post.time')}</Table.Th>
                <Table.Th scope="col">{t('calendar.post.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {post.targets.map((x) => (
                <Table.Tr key={x.id} data-testid="target-row">
                  <Table.Td>{name(x.channelId)}</Table.Td>
                  <Table.Td><StateBadge state={x.state} /></Table.Td>
                  <Table.Td>{x.publishedAt ?? x.scheduledAt ? formatDateTime((x.publishedAt ?? x.scheduledAt)!, lang) : '–'}</Table.Td>
                  <Table.Td>
                    {x.remoteUrl && <Anchor href={x.remoteUrl} target="_blank" rel="noreferrer" size="sm">{t('calendar.post.open')}</Anchor>}
                    {x.thread && <ThreadProgress parts={x.thread.parts} />}
                    {x.state === 'published' && <WithdrawTarget targetId={x.id} postId={post.id} channelName={name(x.channelId)} />}
                    {x.lastError && <Text size="sm" c="red.8">{t(`calendar.errorKind.${x.errorKind ?? 'unknown'}`, { defaultValue: x.errorKind ?? '' })}: {x.lastError}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Card>
  );
}

/** Version history with the line diff of each version against the one before. */
export function VersionHistory({ post, names }: { post: Post; names: Map<string, string> }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const lang = currentLanguage();
  const versions = useQuery({ queryKey: [...calendarKeys.post(ws.id, post.id), 'versions', post.version], queryFn: () => get<{ items: Version[] }>(`/workspaces/${ws.id}/posts/${post.id}/versions`).then((r) => r.items) });
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">{t('calendar.post.versions')}</Title>
      <ErrorAlert error={versions.error} />
      <Accordion variant="separated" multiple>
        {[...(versions.data ?? [])].reverse().map((v) => (
          <Accordion.Item key={v.version} value={String(v.version)}>
            <Accordion.Control>{t('calendar.post.versionLine', { version: v.version, when: formatDateTime(v.createdAt, lang), who: v.editedBy ? (names.get(v.editedBy) ?? '–') : '–' })}</Accordion.Control>
            <Accordion.Panel>
              <Code block aria-label={t('calendar.post.diff')}>{v.diff || t('calendar.post.noChange')}</Code>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Card>
  );
}
