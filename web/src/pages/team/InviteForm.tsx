import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import type { Invitation } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RoleCheckboxes } from './RoleCheckboxes.tsx';

export function InviteForm() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: { email: '', roles: [] as string[] },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : t('validation.email')),
      roles: (v) => (v.length ? null : t('validation.roles')),
    },
  });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) => post<Invitation>(`/workspaces/${ws.id}/invitations`, v),
    onSuccess: async (inv) => {
      form.reset();
      notifications.show({ color: 'teal', title: t('team.invitedTitle'), message: t('team.invited', { email: inv.email }) });
      await qc.invalidateQueries({ queryKey: ['team', ws.id] });
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => invite.mutate(v))} noValidate aria-labelledby="invite-heading">
      <Stack>
        <ErrorAlert error={invite.error} />
        <TextInput label={t('fields.email')} type="email" autoComplete="off" required maw={420} {...form.getInputProps('email')} />
        <RoleCheckboxes
          value={form.values.roles}
          onChange={(v) => form.setFieldValue('roles', v)}
          error={form.errors.roles as string | undefined}
          canGrantOwner={ws.roles.includes('owner')}
        />
        <Group><Button type="submit" loading={invite.isPending}>{t('team.inviteSubmit')}</Button></Group>
      </Stack>
    </form>
  );
}
