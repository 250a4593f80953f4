import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgot.title'));
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : t('validation.email')) },
  });
  const request = useMutation({ mutationFn: (email: string) => post('/auth/password-reset/request', { email }) });
  return (
    <AuthLayout title={t('forgot.title')} subtitle={t('forgot.subtitle')}>
      {request.isSuccess ? (
        <Alert color="teal" icon={<IconMailCheck aria-hidden />} role="status" title={t('forgot.sentTitle')}>
          {t('forgot.sent')}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => request.mutate(v.email))} noValidate>
          <Stack>
            <ErrorAlert error={request.error} />
            <TextInput label={t('fields.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={request.isPending}>{t('forgot.submit')}</Button>
          </Stack>
        </form>
      )}
      <Group>
        <Anchor component={Link} to="/login" size="sm">{t('common.backToLogin')}</Anchor>
      </Group>
    </AuthLayout>
  );
}
