import { Button, Divider, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { LIMITS } from '../../../../common/limits.ts';
import { post, setCsrfToken } from '../../api/client.ts';
import { useRefreshSession } from '../../api/session.tsx';
import { useSetupStatus } from '../../api/setup.ts';
import type { LoginResult } from '../../api/types.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/FullPageLoader.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';

/** First start on an empty database: the first owner creates the account, organisation and workspace. */
export function SetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const navigate = useNavigate();
  const setup = useSetupStatus();
  const refresh = useRefreshSession();
  const form = useForm({
    initialValues: { name: '', email: '', password: '', organisationName: '', workspaceName: '', locale: currentLanguage() as string },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : t('validation.email')),
      password: (v) => (v.length >= LIMITS.passwordMin ? null : t('validation.passwordMin', { min: LIMITS.passwordMin })),
      organisationName: (v) => (v.trim() ? null : t('validation.required')),
      workspaceName: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const signup = useMutation({
    mutationFn: (v: typeof form.values) => post<LoginResult>('/auth/signup', v),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await refresh();
      await setup.refetch();
      await navigate('/', { replace: true });
    },
  });
  if (setup.isPending) return <FullPageLoader />;
  if (setup.data && !setup.data.needsSetup && !signup.isPending && !signup.isSuccess) return <Navigate to="/login" replace />;
  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} wide>
      <form onSubmit={form.onSubmit((v) => signup.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={signup.error} />
          <TextInput label={t('fields.name')} autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput label={t('fields.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput label={t('fields.password')} description={t('validation.passwordMin', { min: LIMITS.passwordMin })} autoComplete="new-password" required {...form.getInputProps('password')} />
          <Divider my="xs" />
          <TextInput label={t('fields.organisationName')} description={t('setup.organisationHint')} required {...form.getInputProps('organisationName')} />
          <TextInput label={t('fields.workspaceName')} description={t('setup.workspaceHint')} required {...form.getInputProps('workspaceName')} />
          <Select
            label={t('fields.locale')}
            data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />
          <Button type="submit" loading={signup.isPending} mt="xs">{t('setup.submit')}</Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
