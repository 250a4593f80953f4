import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../common/limits.ts';
import { get, post, setCsrfToken } from '../../api/client.ts';
import { useRefreshSession, useSession } from '../../api/session.tsx';
import type { InvitationInfo, LoginResult } from '../../api/types.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/FullPageLoader.tsx';
import { usePageTitle } from '../../components/page-title.ts';

/** Target of the invitation mail (/invitation?token=…): a new person creates an account, an existing one joins. */
export function InvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const refresh = useRefreshSession();
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => get<InvitationInfo>(`/invitations/${encodeURIComponent(token)}`),
    enabled: token.length >= 10,
  });
  const form = useForm({
    initialValues: { name: '', password: '', confirm: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v.length >= LIMITS.passwordMin ? null : t('validation.passwordMin', { min: LIMITS.passwordMin })),
      confirm: (v, values) => (v === values.password ? null : t('validation.mismatch')),
    },
  });
  const accept = useMutation({
    mutationFn: (body: { name?: string; password?: string }) => post<LoginResult>('/invitations/accept', { token, ...body }),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await refresh();
      await navigate('/', { replace: true });
    },
  });

  if (token.length < 10) {
    return (
      <AuthLayout title={t('invitation.title')}>
        <Alert color="red" role="alert">{t('errors.invalid_invitation')}</Alert>
      </AuthLayout>
    );
  }
  if (info.isPending || session.isPending) return <FullPageLoader />;
  if (info.isError) {
    return (
      <AuthLayout title={t('invitation.title')}>
        <ErrorAlert error={info.error} />
        <Anchor component={Link} to="/login" size="sm">{t('common.backToLogin')}</Anchor>
      </AuthLayout>
    );
  }
  const inv = info.data;
  const signedInAs = session.data?.state === 'ready' ? session.data.me.user.email : null;
  const subtitle = <Trans i18nKey="invitation.subtitle" values={{ workspace: inv.workspaceName, email: inv.email }} components={{ b: <strong /> }} />;

  if (inv.existingUser) {
    const self = signedInAs === inv.email;
    return (
      <AuthLayout title={t('invitation.title')} subtitle={subtitle}>
        <ErrorAlert error={accept.error} />
        {self ? (
          <Button onClick={() => accept.mutate({})} loading={accept.isPending}>{t('invitation.join')}</Button>
        ) : (
          <Stack>
            <Text>{t('invitation.signInFirst', { email: inv.email })}</Text>
            <Button component={Link} to={`/login?next=${encodeURIComponent(`/invitation?token=${token}`)}`}>{t('login.submit')}</Button>
          </Stack>
        )}
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('invitation.title')} subtitle={subtitle}>
      <form onSubmit={form.onSubmit((v) => accept.mutate({ name: v.name, password: v.password }))} noValidate>
        <Stack>
          <ErrorAlert error={accept.error} />
          <TextInput label={t('fields.email')} value={inv.email} readOnly />
          <TextInput label={t('fields.name')} autoComplete="name" required {...form.getInputProps('name')} />
          <PasswordInput label={t('fields.password')} description={t('validation.passwordMin', { min: LIMITS.passwordMin })} autoComplete="new-password" required {...form.getInputProps('password')} />
          <PasswordInput label={t('fields.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Button type="submit" loading={accept.isPending}>{t('invitation.create')}</Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
