import { Badge, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useWorkspace, useWorkspaceState } from '../api/session.tsx';
import { AREA_ICONS } from '../components/area-icons.ts';
import { usePageTitle } from '../components/page-title.ts';
import { AREAS, visibleItems } from '../nav.ts';
import { ReadinessSummary } from './strategy/ReadinessSummary.tsx';
import { HomeStrategy } from './strategy/HomeStrategy.tsx';
import { AREA_PAGES } from '../areas.tsx';

/** Dashboard: the areas this role can use (each says honestly what it will hold) and first steps. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const { me } = useWorkspaceState();
  const ws = useWorkspace();
  const can = useCan();
  const areas = visibleItems(AREAS, ws.permissions);
  const steps = [
    can('members.manage') && { done: false, label: t('home.steps.invite'), to: '/team' },
    { done: me.user.totpEnabled, label: t('home.steps.totp'), to: '/profile#security' },
    can('audit.read') && { done: false, label: t('home.steps.audit'), to: '/audit' },
    { done: false, label: t('home.steps.guidelines'), to: '/guidelines' },
  ].filter((s): s is { done: boolean; label: string; to: string } => Boolean(s));

  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t('home.welcome', { name: me.user.name.split(' ')[0] })}</Title>
        <Text c="dimmed" mt={4}>{ws.name === ws.organisationName ? ws.name : t('home.context', { workspace: ws.name, organisation: ws.organisationName })}</Text>
      </div>

      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">{t('home.stepsTitle')}</Title>
        <List spacing="sm" center>
          {steps.map((s) => (
            <List.Item
              key={s.to}
              icon={
                <ThemeIcon color={s.done ? 'teal.8' : 'gray.6'} variant="transparent" size={22}>
                  {s.done ? <IconCircleCheck size={20} aria-hidden /> : <IconCircleDashed size={20} aria-hidden />}
                </ThemeIcon>
              }
            >
              <Group gap="xs">
                <Text component={Link} to={s.to} c="indigo.8" td="underline">{s.label}</Text>
                {s.done && <Badge color="teal.9" variant="outline" size="sm">{t('common.done')}</Badge>}
              </Group>
            </List.Item>
          ))}
        </List>
      </Card>
      <ReadinessSummary />
      <HomeStrategy />

      <section aria-labelledby="areas-heading">
        <Title order={2} size="h4" mb="sm" id="areas-heading">{t('home.areasTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {areas.map((a) => {
            const Icon = AREA_ICONS[a.key];
            return (
              <Card key={a.key} withBorder padding="lg" component={Link} to={a.path} className="area-card">
                <Group justify="space-between" align="flex-start" mb="sm">
                  <ThemeIcon size={40} radius="md" variant="light">
                    <Icon size={22} aria-hidden />
                  </ThemeIcon>
                  {!(a.key in AREA_PAGES) && <Badge variant="outline" color="gray.7" size="sm">{t('common.comingSoon')}</Badge>}
                </Group>
                <Text fw={600} size="lg">{t(`nav.${a.key}`)}</Text>
                <Text size="sm" c="dimmed" mt={4}>{t(`areas.${a.key}.short`)}</Text>
              </Card>
            );
          })}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
