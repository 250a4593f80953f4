import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NoAccess } from '../../components/NoAccess.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useChannels } from './calendar-api.ts';
import { ComposerForm } from './ComposerForm.tsx';

/** `/calendar/new`: write a new post. */
export function ComposerPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.composer.title'));
  const ws = useWorkspace();
  const can = useCan();
  const channels = useChannels(ws.id);
  if (!can('posts.write')) return <NoAccess reason="forbidden" />;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/calendar" size="sm">{t('calendar.backToPlan')}</Anchor>
        <Title order={1} mt={4}>{t('calendar.composer.title')}</Title>
        <Text c="dimmed" mt={4}>{t('calendar.composer.subtitle')}</Text>
      </div>
      <ErrorAlert error={channels.error} />
      {channels.data && <ComposerForm channels={channels.data} />}
    </Stack>
  );
}
