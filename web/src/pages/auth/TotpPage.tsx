import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { clearCsrfToken, get, hasCsrfToken, post, setCsrfToken } from '../../api/client.ts';
import { useRefreshSession, useSession } from '../../api/session.tsx';
import type { LoginResult } from '../../api/types.ts';
import { FullPageLoader } from '../../components/FullPageLoader.tsx';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { safeNext } from '../../lib/safe-next.ts';

/** Second step of the login: a code from the authenticator app or one of the recovery codes. */
export function TotpPage() {
  const { t } = useTranslation();
  usePageTitle(t('totp.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const refresh = useRefreshSession();
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (v.trim().length >= 6 ? null : t('validation.code')) },
  });
  const verify = useMutation({
    mutationFn: async (code: string) => {
      // After a reload the pending session's CSRF token is fetched again.
      if (!hasCsrfToken()) setCsrfToken((await get<{ csrfToken: string }>('/auth/csrf')).csrfToken);
      return post<LoginResult>('/auth/totp', { code: code.replace(/\s+/g, '') });
    },
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await refresh();
      await navigate(next, { replace: true });
    },
  });
  const cancel = async () => {
    await post('/auth/logout').catch(() => undefined);
    clearCsrfToken();
    await refresh();
    await navigate('/login', { replace: true });
  };

  if (session.isPending) return <FullPageLoader />;
  if (session.data?.state === 'anonymous') return <Navigate to="/login" replace />;
  if (session.data?.state === 'ready' && !verify.isPending && !verify.isSuccess) return <Navigate to={next} replace />;

  return (
    <AuthLayout title={t('totp.title')} subtitle={t('totp.subtitle')}>
      <form onSubmit={form.onSubmit((v) => verify.mutate(v.code))} noValidate>
        <Stack>
          <ErrorAlert error={verify.error} />
          <TextInput
            label={t('fields.code')}
            description={t('totp.codeHint')}
            autoComplete="one-time-code"
            inputMode="text"
            required
            autoFocus
            {...form.getInputProps('code')}
          />
          <Group justify="space-between" mt="xs">
            <Anchor component="button" type="button" size="sm" onClick={() => void cancel()}>{t('totp.cancel')}</Anchor>
            <Button type="submit" loading={verify.isPending}>{t('totp.submit')}</Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">{t('totp.lost')}</Text>
    </AuthLayout>
  );
}
