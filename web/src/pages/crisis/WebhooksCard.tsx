import { Button, Card, Group, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { useWebhooks } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** Team chats that crisis calls reach besides in-app and e-mail (Slack, Teams, Matrix, JSON). The URL is stored sealed and never shown again. */
export function WebhooksCard() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const hooks = useWebhooks();
  const [name, setName] = useState('');
  const [format, setFormat] = useState<string | null>('slack');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const key = ['crisis', ws.id, 'webhooks'];
  const add = useMutation({
    mutationFn: () => post(`/workspaces/${ws.id}/crisis/webhooks`, { name: name.trim(), format, url: url.trim(), ...(secret ? { secret } : {}) }),
    onSuccess: async () => {
      setName('');
      setUrl('');
      setSecret('');
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`/workspaces/${ws.id}/crisis/webhooks/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="webhooks-title">
      <Title order={2} size="h4" id="webhooks-title">{t('crisis.webhooks.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('crisis.webhooks.help')}</Text>
      {(hooks.data?.items ?? []).length > 0 && (
        <Table mb="sm">
          <Table.Tbody>
            {hooks.data!.items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>{h.format} · {h.host}{h.signed ? ` · ${t('crisis.webhooks.signed')}` : ''}</Table.Td>
                <Table.Td><Button size="xs" variant="default" onClick={() => remove.mutate(h.id)} aria-label={t('crisis.webhooks.remove', { name: h.name })}>{t('crisis.webhooks.removeShort')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Stack gap="xs">
        <Group grow align="flex-end">
          <TextInput label={t('crisis.webhooks.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select label={t('crisis.webhooks.format')} data={['slack', 'teams', 'matrix', 'json'].map((f) => ({ value: f, label: t(`crisis.webhooks.formats.${f}`) }))} value={format} onChange={setFormat} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        </Group>
        <TextInput label={t('crisis.webhooks.url')} type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
        <PasswordInput label={t('crisis.webhooks.secret')} description={t('crisis.webhooks.secretHelp')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} />
        <CrisisError error={add.error ?? remove.error} />
        <Button variant="default" onClick={() => add.mutate()} disabled={!name.trim() || !url.trim()} loading={add.isPending} style={{ alignSelf: 'flex-start' }}>{t('crisis.webhooks.add')}</Button>
      </Stack>
    </Card>
  );
}
