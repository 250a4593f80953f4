import { Alert, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/**
 * A failed crisis action: the crisis area's own sentence for the error code when there is one
 * (e.g. "crisis mode is already active"), else the shell's; and the fields the server names.
 */
export function CrisisError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || !i18n.exists(`crisis.errors.${error.code}`)) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert" title={t('crisis.errors.title')} data-testid="crisis-error" data-code={error.code}>
      <Text size="sm">{t(`crisis.errors.${error.code}`)}</Text>
      {error.errors.length > 0 && (
        <List size="xs" mt={4}>{error.errors.map((f) => <List.Item key={f.path}>{f.path}: {f.message}</List.Item>)}</List>
      )}
    </Alert>
  );
}
