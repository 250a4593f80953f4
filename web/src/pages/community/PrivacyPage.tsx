/** Privacy: how long external authors' data is kept, and data subject requests (export, erase) for one author. */
import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl, get, post, put } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, messageOf, type AuthorSummary, type PrivacySettings } from './community-api.ts';

export function PrivacyPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.privacy.title'));
  const ws = useWorkspace();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: communityKeys.of(ws.id, 'privacy'), queryFn: () => get<PrivacySettings>(`/workspaces/${ws.id}/privacy/settings`) });
  const [q, setQ] = useState('');
  const [found, setFound] = useState<AuthorSummary[] | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const search = async () => {
    setMessage(null);
    try { setFound((await get<{ items: AuthorSummary[] }>(`/workspaces/${ws.id}/privacy/authors`, { q })).items); } catch (e) { setMessage({ color: 'red', text: messageOf(e) }); }
  };
  const erase = async (a: AuthorSummary) => {
    try {
      const r = await post<{ items: number; listeningMentions: number; keptInModerationRecord: number }>(`/workspaces/${ws.id}/privacy/authors/${a.id}/erase`, { reason });
      setMessage({ color: 'teal', text: t('community.privacy.erased', { items: r.items, mentions: r.listeningMentions, kept: r.keptInModerationRecord }) });
      await search();
    } catch (e) { setMessage({ color: 'red', text: messageOf(e) }); }
  };
  return (
    <Stack>
      <Title order={1}>{t('community.privacy.title')}</Title>
      <Card withBorder>
        <Title order={2} size="h4">{t('community.privacy.retention')}</Title>
        <Text size="sm" c="dimmed">{t('community.privacy.retentionHelp')}</Text>
        {settings.data && (
          <Group align="end" mt="xs">
            <NumberInput label={t('community.privacy.days')} min={7} max={3650} w={220} defaultValue={settings.data.authorRetentionDays}
              onBlur={(e) => void put(`/workspaces/${ws.id}/privacy/settings`, { authorRetentionDays: Number(e.currentTarget.value) }).then(() => qc.invalidateQueries({ queryKey: communityKeys.of(ws.id, 'privacy') }), (err: unknown) => setMessage({ color: 'red', text: messageOf(err) }))} />
            <Text size="sm" c="dimmed">{settings.data.lastRunAt ? t('community.privacy.lastRun', { at: new Date(settings.data.lastRunAt).toLocaleString() }) : t('community.privacy.neverRun')}</Text>
          </Group>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('community.privacy.requests')}</Title>
        <Group align="end" mt="xs">
          <TextInput label={t('community.privacy.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} onKeyDown={(e) => { if (e.key === 'Enter') void search(); }} />
          <Button onClick={() => void search()} disabled={q.trim().length < 2}>{t('community.privacy.find')}</Button>
        </Group>
        {message && <Alert color={message.color} mt="sm" role={message.color === 'red' ? 'alert' : 'status'}>{message.text}</Alert>}
        {found && found.length === 0 && <Text mt="sm" c="dimmed">{t('community.privacy.none')}</Text>}
        {found && found.length > 0 && (
          <>
            <Textarea mt="sm" label={t('community.privacy.reason')} description={t('community.privacy.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
            <Table mt="sm">
              <Table.Thead><Table.Tr><Table.Th>{t('community.moderation.author')}</Table.Th><Table.Th>{t('community.privacy.items')}</Table.Th><Table.Th>{t('community.privacy.records')}</Table.Th><Table.Th>{t('community.privacy.actions')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {found.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.handle} {a.displayName ? `(${a.displayName})` : ''} · {a.network}</Table.Td><Table.Td>{a.items}</Table.Td><Table.Td>{a.moderationRecords}</Table.Td>
                    <Table.Td><Group gap="xs"><Button size="xs" variant="default" component="a" href={apiUrl(`/workspaces/${ws.id}/privacy/authors/${a.id}/export`)}>{t('community.privacy.export')}</Button><Button size="xs" color="red" disabled={reason.trim().length < 3 || a.pseudonymised} onClick={() => void erase(a)}>{t('community.privacy.erase')}</Button></Group></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Card>
    </Stack>
  );
}
