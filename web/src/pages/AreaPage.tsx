import { Button, Card, EmptyState, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../api/session.tsx';
import { AREA_ICONS } from '../components/area-icons.ts';
import { usePageTitle } from '../components/page-title.ts';
import type { AreaKey } from '../nav.ts';

/** An area that later issues fill: says what will be here and what to do meanwhile — no invented data. */
export function AreaPage({ area }: { area: AreaKey }) {
  const { t } = useTranslation();
  usePageTitle(t(`nav.${area}`));
  const can = useCan();
  const Icon = AREA_ICONS[area];
  const features = t(`areas.${area}.features`, { returnObjects: true }) as string[];
  return (
    <Stack gap="lg">
      <Title order={1}>{t(`nav.${area}`)}</Title>
      <Card withBorder padding="xl">
        <EmptyState
          icon={<Icon size={32} aria-hidden />}
          variant="light"
          title={<span>{t('areas.emptyTitle')}</span>}
          description={t(`areas.${area}.short`)}
        />
        <Stack maw={640} mx="auto" mt="lg" gap="md">
          <div>
            <Title order={2} size="h5" mb={6}>{t('areas.willContain')}</Title>
            <List size="sm" spacing={4}>
              {Array.isArray(features) && features.map((f) => <List.Item key={f}>{f}</List.Item>)}
            </List>
          </div>
          <div>
            <Title order={2} size="h5" mb={6}>{t('areas.nextTitle')}</Title>
            <Text size="sm">{t(`areas.${area}.next`)}</Text>
          </div>
          <Group justify="center" mt="xs">
            {can('members.manage') && <Button component={Link} to="/team">{t('areas.inviteTeam')}</Button>}
            <Button component={Link} to="/" variant="default">{t('noAccess.home')}</Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
