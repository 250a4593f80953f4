import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../api/client.ts';
import { useRefreshSession, useWorkspace, useWorkspaceState } from '../api/session.tsx';
import type { Workspace } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { usePageTitle } from '../components/page-title.ts';

const ZONES = ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Luxembourg', 'Europe/Brussels', 'Europe/London', 'UTC'];

/** Workspace settings (name, default language, time zone) and a further workspace of the organisation. */
export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.settings'));
  const ws = useWorkspace();
  const { selectWorkspace } = useWorkspaceState();
  const refresh = useRefreshSession();
  const current = useQuery({ queryKey: ['workspace', ws.id], queryFn: () => get<Workspace>(`/workspaces/${ws.id}`) });
  const form = useForm({ initialValues: { name: '', locale: 'de', timezone: 'Europe/Berlin' } });
  useEffect(() => {
    if (current.data) form.setValues({ name: current.data.name, locale: current.data.locale, timezone: current.data.timezone });
  }, [current.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = useMutation({
    mutationFn: (v: typeof form.values) => patch<Workspace>(`/workspaces/${ws.id}`, v),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('settings.saved') });
      await refresh();
    },
  });
  const sibling = useForm({ initialValues: { name: '' }, validate: { name: (v) => (v.trim() ? null : t('validation.required')) } });
  const createSibling = useMutation({
    mutationFn: (name: string) => post<Workspace>(`/workspaces/${ws.id}/siblings`, { name, locale: form.values.locale, timezone: form.values.timezone }),
    onSuccess: async (w) => {
      sibling.reset();
      notifications.show({ color: 'teal', message: t('settings.siblingCreated', { name: w.name }) });
      await refresh();
      selectWorkspace(w.id);
    },
  });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('nav.settings')}</Title>
        <Text c="dimmed" mt={4}>{t('settings.subtitle', { organisation: ws.organisationName })}</Text>
      </div>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">{t('settings.workspaceTitle')}</Title>
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack maw={520}>
            <ErrorAlert error={save.error ?? current.error} />
            <TextInput label={t('fields.workspaceName')} required {...form.getInputProps('name')} />
            <Select label={t('fields.defaultLocale')} data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} allowDeselect={false} {...form.getInputProps('locale')} />
            <Select label={t('fields.timezone')} data={ZONES} searchable allowDeselect={false} {...form.getInputProps('timezone')} />
            <Group><Button type="submit" loading={save.isPending}>{t('common.save')}</Button></Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb={4}>{t('settings.siblingTitle')}</Title>
        <Text size="sm" c="dimmed" mb="md">{t('settings.siblingText')}</Text>
        <form onSubmit={sibling.onSubmit((v) => createSibling.mutate(v.name))} noValidate>
          <Stack maw={520}>
            <ErrorAlert error={createSibling.error} />
            <TextInput label={t('settings.siblingName')} required {...sibling.getInputProps('name')} />
            <Group><Button type="submit" variant="light" loading={createSibling.isPending}>{t('settings.siblingCreate')}</Button></Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
