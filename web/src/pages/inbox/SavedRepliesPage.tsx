import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SAVED_REPLY_VARIABLES } from '../../../../common/schemas/inbox.ts';
import { del, get, patch, post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { inboxKeys, type SavedReply } from './inbox-api.ts';

const EMPTY = { title: '', language: 'de', address: 'sie', body: '', groupKey: '' };

/** Saved replies (Textbausteine) in German and English, each in Sie and du form. */
export function SavedRepliesPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.saved.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: inboxKeys.savedReplies(ws.id), queryFn: () => get<{ items: SavedReply[] }>(`/workspaces/${ws.id}/inbox/saved-replies`).then((r) => r.items) });
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = { title: form.title, language: form.language, address: form.address, body: form.body, ...(form.groupKey.trim() ? { groupKey: form.groupKey.trim() } : {}) };
      return editing ? patch(`/workspaces/${ws.id}/inbox/saved-replies/${editing}`, body) : post(`/workspaces/${ws.id}/inbox/saved-replies`, body);
    },
    onSuccess: async () => { setForm(EMPTY); setEditing(null); await qc.invalidateQueries({ queryKey: inboxKeys.savedReplies(ws.id) }); },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`/workspaces/${ws.id}/inbox/saved-replies/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.savedReplies(ws.id) }) });
  const set = (k: keyof typeof EMPTY) => (v: string | null) => setForm((f) => ({ ...f, [k]: v ?? '' }));
  return (
    <Stack>
      <Anchor component={Link} to="/inbox" size="sm">{t('inbox.back')}</Anchor>
      <Title order={1}>{t('inbox.saved.title')}</Title>
      <Text c="dimmed" size="sm">{t('inbox.saved.intro')}</Text>
      <ErrorAlert error={list.error ?? remove.error} />
      {list.data?.length === 0 && <Alert color="blue" variant="light">{t('inbox.saved.empty')}</Alert>}
      {!!list.data?.length && (
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label={t('inbox.saved.title')}>
            <Table.Thead><Table.Tr><Table.Th>{t('inbox.saved.name')}</Table.Th><Table.Th>{t('inbox.saved.variant')}</Table.Th><Table.Th>{t('inbox.saved.text')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td><Badge variant="outline" color="blue.9" tt="none">{r.language.toUpperCase()} · {t(`inbox.address.${r.address}`)}</Badge></Table.Td>
                  <Table.Td><Text size="sm" className="inbox-excerpt">{r.body}</Text></Table.Td>
                  <Table.Td>
                    {can('inbox.work') && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => { setEditing(r.id); setForm({ title: r.title, language: r.language, address: r.address, body: r.body, groupKey: r.groupKey }); }}>{t('inbox.edit')}</Button>
                        <Button size="xs" variant="default" color="red" onClick={() => remove.mutate(r.id)} aria-label={t('inbox.saved.delete', { title: r.title })}>{t('inbox.delete')}</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {can('inbox.work') && (
        <Card withBorder>
          <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
            <Stack>
              <Title order={2} size="h4">{editing ? t('inbox.saved.editTitle') : t('inbox.saved.newTitle')}</Title>
              <Group grow>
                <TextInput label={t('inbox.saved.name')} value={form.title} onChange={(e) => set('title')(e.currentTarget.value)} required />
                <TextInput label={t('inbox.saved.group')} description={t('inbox.saved.groupHint')} value={form.groupKey} onChange={(e) => set('groupKey')(e.currentTarget.value)} />
              </Group>
              <Group grow>
                <Select label={t('inbox.saved.language')} value={form.language} onChange={set('language')} allowDeselect={false} data={[{ value: 'de', label: t('inbox.languages.de') }, { value: 'en', label: t('inbox.languages.en') }]} />
                <Select label={t('inbox.saved.address')} value={form.address} onChange={set('address')} allowDeselect={false} data={[{ value: 'sie', label: t('inbox.address.sie') }, { value: 'du', label: t('inbox.address.du') }]} />
              </Group>
              <Textarea label={t('inbox.saved.text')} description={t('inbox.saved.variables', { list: SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ') })} autosize minRows={4}
                value={form.body} onChange={(e) => set('body')(e.currentTarget.value)} required />
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                {editing && <Button variant="default" onClick={() => { setEditing(null); setForm(EMPTY); }}>{t('inbox.cancel')}</Button>}
                <Button type="submit" loading={save.isPending}>{t('inbox.save')}</Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
