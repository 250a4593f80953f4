/**
 * The directory of department contacts (Fachstellen) that expert escalation offers first: kept here
 * ahead of the first request, one entry per address. Experts asked before without an entry are
 * offered too, so the list is a convenience, never a precondition.
 */
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, fieldErrorsOf, get, post } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { inboxKeys, type ExpertContacts } from './inbox-api.ts';

export function ExpertDirectory({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: inboxKeys.expertContacts(ws), queryFn: () => get<ExpertContacts>(`/workspaces/${ws}/inbox/expert-contacts`) });
  const [draft, setDraft] = useState({ department: '', name: '', email: '' });
  const refresh = () => qc.invalidateQueries({ queryKey: inboxKeys.expertContacts(ws) });
  const add = useMutation({
    mutationFn: () => post(`/workspaces/${ws}/inbox/expert-contacts`, { department: draft.department, email: draft.email, ...(draft.name.trim() ? { name: draft.name } : {}) }),
    onSuccess: async () => { setDraft({ department: '', name: '', email: '' }); await refresh(); },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`/workspaces/${ws}/inbox/expert-contacts/${id}`), onSettled: refresh });
  const entries = (list.data?.items ?? []).filter((c) => c.source === 'directory');
  const fieldErrors = fieldErrorsOf(add.error);
  const set = (k: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement>) => { const v = e.currentTarget.value; setDraft((d) => ({ ...d, [k]: v })); };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('inbox.directory.title')}</Title>
        <Text size="sm" c="dimmed">{t('inbox.directory.intro')}</Text>
        <ErrorAlert error={list.error ?? remove.error} />
        {list.data && entries.length === 0 && <Alert color="blue" variant="light">{t('inbox.directory.empty')}</Alert>}
        {entries.length > 0 && (
          <Table striped aria-label={t('inbox.directory.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('inbox.escalate.department')}</Table.Th><Table.Th>{t('inbox.escalate.name')}</Table.Th><Table.Th>{t('inbox.escalate.email')}</Table.Th><Table.Th>{t('inbox.directory.uses')}</Table.Th><Table.Th><VisuallyHidden>{t('inbox.directory.actions')}</VisuallyHidden></Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.department}</Table.Td><Table.Td>{c.name ?? '–'}</Table.Td><Table.Td>{c.email}</Table.Td><Table.Td>{c.uses}</Table.Td>
                  <Table.Td><Button size="xs" variant="default" onClick={() => remove.mutate(c.id!)} aria-label={t('inbox.directory.remove', { email: c.email })}>{t('inbox.delete')}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form aria-label={t('inbox.directory.addLabel')} onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
          <Group align="flex-end" grow>
            <TextInput label={t('inbox.escalate.department')} value={draft.department} onChange={set('department')} error={fieldErrors.department} required />
            <TextInput label={t('inbox.escalate.name')} value={draft.name} onChange={set('name')} error={fieldErrors.name} />
            <TextInput label={t('inbox.escalate.email')} type="email" value={draft.email} onChange={set('email')} error={fieldErrors.email} required />
            <Button type="submit" loading={add.isPending} style={{ flexGrow: 0 }}>{t('inbox.directory.add')}</Button>
          </Group>
        </form>
        {add.error && Object.keys(fieldErrors).length === 0 && <ErrorAlert error={add.error} />}
      </Stack>
    </Card>
  );
}
