import { Alert, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** Translates an API error by its stable code; unknown codes fall back to a generic message. */
export function useErrorMessage(): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  return (e: unknown) => {
    if (e instanceof ApiError) {
      const key = `errors.${e.code}`;
      // The server's detail is available to messages that quote the network's own answer.
      if (i18n.exists(key)) return t(key, { detail: e.message });
      if (e.status >= 500) return t('errors.internal_error');
      return t('errors.generic', { status: e.status });
    }
    return t('errors.network');
  };
}

/** An error announced to screen readers (role=alert), with the failing fields when the server names them. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert" title={t('errors.title')}>
      {message(error)}
      {fields.length > 0 && (
        <List size="sm" mt="xs">
          {fields.map((f) => {
            const field = f.path.split('.').slice(-1)[0] ?? f.path;
            const label = i18n.exists(`fields.${field}`) ? t(`fields.${field}`) : field;
            return <List.Item key={f.path}>{t('errors.field', { field: label })}</List.Item>;
          })}
        </List>
      )}
    </Alert>
  );
}
