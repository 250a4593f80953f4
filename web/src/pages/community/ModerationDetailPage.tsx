/** One moderation action: the evidence as it was captured, its history, confirmation of a ban, appeals. */
import { Alert, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { get, post } from '../../api/client.ts';
import { useCan, useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, messageOf, type Action, type Appeal } from './community-api.ts';

export function ModerationDetailPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('community.moderation.detailTitle'));
  const { id } = useParams();
  const ws = useWorkspace();
  const me = useWorkspaceState();
  const can = useCan();
  const qc = useQueryClient();
  const action = useQuery({ queryKey: communityKeys.of(ws.id, 'action', id), queryFn: () => get<Action>(`/workspaces/${ws.id}/moderation/actions/${id}`) });
  const appeals = useQuery({ queryKey: communityKeys.of(ws.id, 'appeals'), queryFn: () => get<{ items: Appeal[] }>(`/workspaces/${ws.id}/moderation/appeals`).then((r) => r.items) });
  const [error, setError] = useState<string | null>(null);
  const [appealText, setAppealText] = useState('');
  const [appealChannel, setAppealChannel] = useState<string | null>('email');
  const [decisionNote, setDecisionNote] = useState('');
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
  const refresh = () => qc.invalidateQueries({ queryKey: communityKeys.all(ws.id) });
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try { await fn(); await refresh(); } catch (e) { setError(messageOf(e)); }
  };
  if (action.error) return <ErrorAlert error={action.error} />;
  const a = action.data;
  if (!a) return null;
  const mine = appeals.data?.filter((x) => x.actionId === a.id) ?? [];
  const myId = me.me.user.id;

  return (
    <Stack>
      <Title order={1}>{t(`community.moderation.action.${a.action}`)}: {a.clauseTitle}</Title>
      <Group>
        <Badge variant="light">{t(`community.moderation.status.${a.status}`)}</Badge>
        <Text size="sm">{when(a.createdAt)} · {a.actorName ?? t('community.moderation.byRule')}</Text>
        {a.netiquetteVersion && <Text size="sm" c="dimmed">{t('community.moderation.version', { version: a.netiquetteVersion })}</Text>}
      </Group>
      {a.scope === 'local' && <Alert color="blue">{t('community.moderation.localOnlyRecord')}</Alert>}
      {a.statusDetail && <Alert color={a.status === 'failed' ? 'red' : 'blue'}>{a.statusDetail}</Alert>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Card withBorder>
        <Title order={2} size="h4">{t('community.moderation.reason')}</Title>
        <Text>{a.reason}</Text>
      </Card>
      <Card withBorder aria-labelledby="evidence-title">
        <Title order={2} size="h4" id="evidence-title">{t('community.moderation.evidence')}</Title>
        <Table mt="xs">
          <Table.Tbody>
            <Table.Tr><Table.Th scope="row">{t('community.moderation.author')}</Table.Th><Table.Td>{a.evidence.authorHandle ?? '–'} {a.evidence.authorName ? `(${a.evidence.authorName})` : ''}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th scope="row">{t('community.moderation.postedAt')}</Table.Th><Table.Td>{when(a.evidence.postedAt)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th scope="row">{t('community.moderation.link')}</Table.Th><Table.Td>{a.evidence.link ? <a href={a.evidence.link} rel="noreferrer noopener" target="_blank">{a.evidence.link}</a> : '–'}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th scope="row">{t('community.moderation.text')}</Table.Th><Table.Td><blockquote className="community-evidence-text">{a.evidence.text}</blockquote></Table.Td></Table.Tr>
            <Table.Tr><Table.Th scope="row">{t('community.moderation.capturedAt')}</Table.Th><Table.Td>{when(a.evidence.capturedAt)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th scope="row">SHA-256</Table.Th><Table.Td><Code>{a.evidenceHash}</Code></Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
        <details>
          <summary>{t('community.moderation.rawJson')}</summary>
          <Code block>{JSON.stringify(a.evidence.item, null, 2)}</Code>
        </details>
      </Card>
      {a.status === 'awaiting_confirmation' && can('moderation.ban') && a.actorId !== myId && (
        <Card withBorder>
          <Title order={2} size="h4">{t('community.moderation.confirmTitle')}</Title>
          <Group mt="xs">
            <Button color="red" onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/actions/${a.id}/confirm`, { decision: 'confirm' }))}>{t('community.moderation.confirmBan')}</Button>
            <Button variant="default" onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/actions/${a.id}/confirm`, { decision: 'reject' }))}>{t('community.moderation.rejectBan')}</Button>
          </Group>
        </Card>
      )}
      {a.status === 'failed' && can('moderation.act') && <Button w="fit-content" onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/actions/${a.id}/retry`))}>{t('community.moderation.retry')}</Button>}
      <Card withBorder>
        <Title order={2} size="h4">{t('community.moderation.history')}</Title>
        <Stack gap={4} mt="xs">
          {a.events.map((e, i) => <Text key={i} size="sm">{when(e.createdAt)} · {t(`community.moderation.event.${e.kind}`, { defaultValue: e.kind })}{e.byName ? ` · ${e.byName}` : ''}</Text>)}
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('community.moderation.appealsTitle')}</Title>
        {mine.length === 0 && <Text size="sm" c="dimmed">{t('community.moderation.noAppeals')}</Text>}
        {mine.map((ap) => (
          <Stack key={ap.id} gap={4} mt="xs">
            <Text size="sm"><Badge variant="light" mr="xs">{t(`community.moderation.appealState.${ap.state}`)}</Badge>{when(ap.receivedAt)} · {ap.request}</Text>
            {ap.decisionNote && <Text size="sm" c="dimmed">{ap.decisionNote}</Text>}
            {ap.state === 'open' && can('moderation.ban') && (
              <Group align="end">
                <Textarea label={t('community.moderation.decisionNote')} value={decisionNote} onChange={(e) => setDecisionNote(e.currentTarget.value)} autosize minRows={2} style={{ flex: 1 }} />
                <Button onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/appeals/${ap.id}/decide`, { outcome: 'upheld', note: decisionNote }))}>{t('community.moderation.uphold')}</Button>
                <Button variant="light" onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/appeals/${ap.id}/decide`, { outcome: 'reversed', note: decisionNote }))}>{t('community.moderation.reverse')}</Button>
              </Group>
            )}
          </Stack>
        ))}
        {can('moderation.act') && (
          <Group align="end" mt="sm">
            <Select label={t('community.moderation.appealChannel')} value={appealChannel} onChange={setAppealChannel} data={['email', 'message', 'letter', 'other'].map((c) => ({ value: c, label: t(`community.moderation.appealVia.${c}`) }))} />
            <Textarea label={t('community.moderation.appealRequest')} value={appealText} onChange={(e) => setAppealText(e.currentTarget.value)} autosize minRows={2} style={{ flex: 1 }} />
            <Button onClick={() => void run(async () => { await post(`/workspaces/${ws.id}/moderation/actions/${a.id}/appeals`, { channel: appealChannel, request: appealText }); setAppealText(''); })}>{t('community.moderation.logAppeal')}</Button>
          </Group>
        )}
      </Card>
    </Stack>
  );
}
