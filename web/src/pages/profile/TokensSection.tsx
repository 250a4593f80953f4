import { Alert, Badge, Button, Card, Code, CopyButton, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import type { Role } from '../../../../common/permissions.ts';
import { del, get, post } from '../../api/client.ts';
import { useWorkspaceState } from '../../api/session.tsx';
import type { ApiToken, ApiTokenCreated } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { RoleCheckboxes } from '../team/RoleCheckboxes.tsx';

/** Personal API tokens: scoped to one workspace and some of the member's roles; the secret is shown once. */
export function TokensSection() {
  const { t } = useTranslation();
  const { me, workspace } = useWorkspaceState();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => get<{ items: ApiToken[] }>('/tokens') });
  const form = useForm({
    initialValues: { name: '', workspaceId: workspace?.id ?? '', roles: [] as string[], expires: '90' },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      workspaceId: (v) => (v ? null : t('validation.required')),
      roles: (v) => (v.length ? null : t('validation.roles')),
    },
  });
  const heldRoles = (me.workspaces.find((w) => w.id === form.values.workspaceId)?.roles ?? []) as Role[];
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      post<ApiTokenCreated>('/tokens', { name: v.name, workspaceId: v.workspaceId, roles: v.roles, ...(v.expires !== 'never' ? { expiresInDays: Number(v.expires) } : {}) }),
    onSuccess: async (tok) => {
      setCreated(tok);
      form.setValues({ name: '', roles: [] });
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (tok: ApiToken) => del(`/tokens/${tok.id}`),
    onSuccess: async (_r, tok) => {
      notifications.show({ color: 'teal', message: t('tokens.revoked', { name: tok.name }) });
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const wsName = (id: string) => me.workspaces.find((w) => w.id === id)?.name ?? id;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="tokens-heading">
      <Title order={2} size="h4" mb={4} id="tokens-heading">{t('tokens.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('tokens.text')}</Text>
      <Stack>
        <ErrorAlert error={tokens.error ?? revoke.error} />
        {created && (
          <Alert color="teal" variant="light" title={t('tokens.createdTitle', { name: created.name })} role="status">
            <Stack gap="xs">
              <Text size="sm">{t('tokens.createdText')}</Text>
              <Code block data-testid="new-token">{created.token}</Code>
              <Group>
                <CopyButton value={created.token}>
                  {({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</Button>}
                </CopyButton>
                <Button size="xs" onClick={() => setCreated(null)}>{t('common.done')}</Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {tokens.data && tokens.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">{t('tokens.none')}</Text>
        ) : (
          <ScrollTable minWidth={640} label={t('tokens.title')}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.tokenName')}</Table.Th>
                  <Table.Th scope="col">{t('shell.workspace')}</Table.Th>
                  <Table.Th scope="col">{t('fields.roles')}</Table.Th>
                  <Table.Th scope="col">{t('tokens.expires')}</Table.Th>
                  <Table.Th scope="col">{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data?.items.map((tok) => (
                  <Table.Tr key={tok.id} data-testid="token-row">
                    <Table.Td><Text size="sm" fw={500}>{tok.name}</Text><Text size="xs" c="dimmed" ff="monospace">{tok.prefix}…</Text></Table.Td>
                    <Table.Td><Text size="sm">{wsName(tok.workspaceId)}</Text></Table.Td>
                    <Table.Td><Group gap={4}>{tok.roles.map((r) => <Badge key={r} size="sm" variant="light" tt="none">{t(`roles.${r}.name`)}</Badge>)}</Group></Table.Td>
                    <Table.Td><Text size="sm">{tok.expiresAt ? formatDate(tok.expiresAt, lang) : t('tokens.never')}</Text></Table.Td>
                    <Table.Td><Text size="sm">{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : '—'}</Text></Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" color="red.8" onClick={() => revoke.mutate(tok)} aria-label={t('tokens.revokeFor', { name: tok.name })}>{t('tokens.revoke')}</Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate aria-labelledby="token-create-heading">
          <Stack maw={720} mt="sm">
            <Title order={3} size="h5" id="token-create-heading">{t('tokens.createTitle')}</Title>
            <ErrorAlert error={create.error} />
            <Group grow align="flex-start">
              <TextInput label={t('fields.tokenName')} placeholder={t('tokens.namePlaceholder')} required {...form.getInputProps('name')} />
              <Select
                label={t('shell.workspace')}
                data={me.workspaces.map((w) => ({ value: w.id, label: w.name }))}
                allowDeselect={false}
                required
                {...form.getInputProps('workspaceId')}
                onChange={(v) => { form.setFieldValue('workspaceId', v ?? ''); form.setFieldValue('roles', []); }}
              />
              <Select
                label={t('tokens.expiry')}
                data={[
                  { value: '30', label: t('tokens.days', { count: 30 }) },
                  { value: '90', label: t('tokens.days', { count: 90 }) },
                  { value: '365', label: t('tokens.days', { count: 365 }) },
                  { value: 'never', label: t('tokens.never') },
                ]}
                allowDeselect={false}
                {...form.getInputProps('expires')}
              />
            </Group>
            <RoleCheckboxes
              roles={heldRoles}
              value={form.values.roles}
              onChange={(v) => form.setFieldValue('roles', v)}
              error={form.errors.roles as string | undefined}
              canGrantOwner
            />
            <Group><Button type="submit" loading={create.isPending}>{t('tokens.create')}</Button></Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
