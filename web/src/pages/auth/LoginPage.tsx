import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { post, setCsrfToken } from '../../api/client.ts';
import { useRefreshSession, useSession } from '../../api/session.tsx';
import { useSetupStatus } from '../../api/setup.ts';
import type { LoginResult } from '../../api/types.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { safeNext } from '../../lib/safe-next.ts';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const setup = useSetupStatus();
  const session = useSession();
  const refresh = useRefreshSession();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : t('validation.email')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  const login = useMutation({
    mutationFn: (v: { email: string; password: string }) => post<LoginResult>('/auth/login', v),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await refresh();
      await navigate(r.status === 'totp_required' ? `/login/2fa?next=${encodeURIComponent(next)}` : next, { replace: true });
    },
  });
  useEffect(() => {
    if (setup.data?.needsSetup) void navigate('/setup', { replace: true });
  }, [setup.data?.needsSetup, navigate]);

  if (session.data?.state === 'ready' && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <form onSubmit={form.onSubmit((v) => login.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={login.error} />
          <TextInput label={t('fields.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput label={t('fields.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Group justify="space-between" mt="xs">
            <Anchor component={Link} to="/forgot-password" size="sm">{t('login.forgot')}</Anchor>
            <Button type="submit" loading={login.isPending}>{t('login.submit')}</Button>
          </Group>
        </Stack>
      </form>
      {setup.data?.devMailbox && (
        <Text size="sm" c="dimmed">
          {t('login.devHint')} <Anchor component={Link} to="/dev/mailbox" size="sm">{t('nav.mailbox')}</Anchor>
        </Text>
      )}
    </AuthLayout>
  );
}
