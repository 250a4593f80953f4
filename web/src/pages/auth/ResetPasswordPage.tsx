import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../common/limits.ts';
import { post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';

/** Target of the reset mail link (/reset-password?token=…). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= LIMITS.passwordMin ? null : t('validation.passwordMin', { min: LIMITS.passwordMin })),
      confirm: (v, values) => (v === values.password ? null : t('validation.mismatch')),
    },
  });
  const reset = useMutation({ mutationFn: (password: string) => post('/auth/password-reset', { token, password }) });
  return (
    <AuthLayout title={t('reset.title')} subtitle={t('reset.subtitle')}>
      {!token ? (
        <Alert color="red" role="alert">{t('errors.invalid_reset_token')}</Alert>
      ) : reset.isSuccess ? (
        <Alert color="teal" icon={<IconCircleCheck aria-hidden />} role="status" title={t('reset.doneTitle')}>
          {t('reset.done')}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => reset.mutate(v.password))} noValidate>
          <Stack>
            <ErrorAlert error={reset.error} />
            <PasswordInput label={t('fields.newPassword')} description={t('validation.passwordMin', { min: LIMITS.passwordMin })} autoComplete="new-password" required {...form.getInputProps('password')} />
            <PasswordInput label={t('fields.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={reset.isPending}>{t('reset.submit')}</Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">{t('common.backToLogin')}</Anchor>
    </AuthLayout>
  );
}
