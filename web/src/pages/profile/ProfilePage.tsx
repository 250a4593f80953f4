import { Button, Card, Group, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../common/limits.ts';
import { patch, post } from '../../api/client.ts';
import { useRefreshSession, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { CalendarFeedsSection } from './CalendarFeedsSection.tsx';
import { TokensSection } from './TokensSection.tsx';
import { TotpSection } from './TotpSection.tsx';

/** The user's own account: name and language, password, two-factor authentication, API tokens. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.profile'));
  const { me } = useWorkspaceState();
  const refresh = useRefreshSession();
  const details = useForm({
    initialValues: { name: me.user.name, locale: me.user.locale as string },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const saveDetails = useMutation({
    mutationFn: (v: { name: string; locale: string }) => patch('/profile', v),
    onSuccess: async (_r, v) => {
      await i18n.changeLanguage(v.locale);
      notifications.show({ color: 'teal', message: t('profile.saved') });
      await refresh();
    },
  });
  const password = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      newPassword: (v) => (v.length >= LIMITS.passwordMin ? null : t('validation.passwordMin', { min: LIMITS.passwordMin })),
      confirm: (v, values) => (v === values.newPassword ? null : t('validation.mismatch')),
    },
  });
  const changePassword = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => post('/profile/password', v),
    onSuccess: () => {
      password.reset();
      notifications.show({ color: 'teal', message: t('profile.passwordChanged') });
    },
  });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('nav.profile')}</Title>
        <Text c="dimmed" mt={4}>{me.user.email}</Text>
      </div>
      <Card withBorder padding="lg" component="section" aria-labelledby="details-heading">
        <Title order={2} size="h4" mb="md" id="details-heading">{t('profile.detailsTitle')}</Title>
        <form onSubmit={details.onSubmit((v) => saveDetails.mutate(v))} noValidate>
          <Stack maw={480}>
            <ErrorAlert error={saveDetails.error} />
            <TextInput label={t('fields.name')} autoComplete="name" required {...details.getInputProps('name')} />
            <Select
              label={t('fields.locale')}
              data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]}
              allowDeselect={false}
              {...details.getInputProps('locale')}
            />
            <Group><Button type="submit" loading={saveDetails.isPending}>{t('common.save')}</Button></Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="password-heading">
        <Title order={2} size="h4" mb={4} id="password-heading">{t('profile.passwordTitle')}</Title>
        <Text size="sm" c="dimmed" mb="md">{t('profile.passwordText')}</Text>
        <form onSubmit={password.onSubmit((v) => changePassword.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }))} noValidate>
          <Stack maw={480}>
            <ErrorAlert error={changePassword.error} />
            <PasswordInput label={t('fields.currentPassword')} autoComplete="current-password" required {...password.getInputProps('currentPassword')} />
            <PasswordInput label={t('fields.newPassword')} description={t('validation.passwordMin', { min: LIMITS.passwordMin })} autoComplete="new-password" required {...password.getInputProps('newPassword')} />
            <PasswordInput label={t('fields.confirmPassword')} autoComplete="new-password" required {...password.getInputProps('confirm')} />
            <Group><Button type="submit" loading={changePassword.isPending}>{t('profile.passwordSubmit')}</Button></Group>
          </Stack>
        </form>
      </Card>
      <TotpSection />
      <TokensSection />
      <CalendarFeedsSection />
    </Stack>
  );
}
