import { Button, EmptyState } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from './page-title.ts';

/** Shown instead of a page the current role may not use (the server would refuse it anyway). */
export function NoAccess({ reason }: { reason: 'forbidden' | 'noWorkspace' }) {
  const { t } = useTranslation();
  usePageTitle(t(`noAccess.${reason}.title`));
  return (
    <EmptyState
      mt={60}
      icon={<IconLock size={32} aria-hidden />}
      withIndicatorBackground
      title={<h1 style={{ font: 'inherit', margin: 0 }}>{t(`noAccess.${reason}.title`)}</h1>}
      description={t(`noAccess.${reason}.text`)}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">{t('noAccess.home')}</Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
