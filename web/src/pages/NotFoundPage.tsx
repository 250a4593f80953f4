import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../components/page-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <EmptyState
      mt={60}
      icon={<IconMapOff size={32} aria-hidden />}
      withIndicatorBackground
      title={<h1 style={{ font: 'inherit', margin: 0 }}>{t('notFound.title')}</h1>}
      description={t('notFound.text')}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">{t('noAccess.home')}</Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
