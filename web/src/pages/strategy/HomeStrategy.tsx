import { Anchor, Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KPI_CATALOGUE } from '../../../../common/kpi-catalogue.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { barValue, FORECAST_COLOR } from './forecast.ts';
import { useDeadlines, useStrategyItems, type Goal } from './strategy-api.ts';

/** Home dashboard: the SMART goals with progress and forecast, and the next deadlines. */
export function HomeStrategy() {
  const can = useCan();
  if (!can('strategy.read')) return null;
  return <HomeStrategyCards />;
}

function HomeStrategyCards() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const goals = useStrategyItems<Goal>('goals');
  const deadlines = useDeadlines();
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang, 'UTC');
  const list = goals.data?.items ?? [];
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="home-goals-heading" data-testid="home-goals">
        <Title order={2} size="h4" mb="sm" id="home-goals-heading">{t('strategy.home.goalsTitle')}</Title>
        <ErrorAlert error={goals.error} />
        {goals.data && list.length === 0 && <Text size="sm" c="dimmed">{t('strategy.home.noGoals')}</Text>}
        <Stack gap="sm">
          {list.slice(0, 6).map((g) => (
            <div key={g.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={500} lineClamp={1}>{g.title}</Text>
                <Badge size="sm" variant="outline" color={FORECAST_COLOR[g.progress.forecast]}>{t(`strategy.forecast.${g.progress.forecast}`)}</Badge>
              </Group>
              <Progress mt={4} value={barValue(g.progress.progress)} color={FORECAST_COLOR[g.progress.forecast]} aria-label={t('strategy.goals.progressLabel', { title: g.title })} />
              <Text size="xs" c="dimmed">{KPI_CATALOGUE[g.metric][lang].name} · {g.progress.progress === null ? t('strategy.goals.noData') : `${barValue(g.progress.progress)} %`} · {t('strategy.home.until', { date: day(g.deadline) })}</Text>
            </div>
          ))}
        </Stack>
        <Anchor component={Link} to="/strategy/goals" size="sm" mt="sm" display="inline-block" c="indigo.8" underline="always">{t('strategy.home.allGoals')}</Anchor>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="home-deadlines-heading" data-testid="home-deadlines">
        <Title order={2} size="h4" mb="sm" id="home-deadlines-heading">{t('strategy.home.deadlinesTitle')}</Title>
        <ErrorAlert error={deadlines.error} />
        {deadlines.data && deadlines.data.items.length === 0 && <Text size="sm" c="dimmed">{t('strategy.home.noDeadlines')}</Text>}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {deadlines.data?.items.map((d) => (
            <Group key={`${d.kind}-${d.id}`} component="li" gap="sm" wrap="nowrap">
              <Text size="sm" fw={600} w={110} style={{ whiteSpace: 'nowrap' }}>{day(d.date)}</Text>
              <Badge size="sm" variant="light" color={d.kind === 'goal' ? 'indigo' : 'gray'} style={{ flexShrink: 0 }}>{t(`strategy.home.kind.${d.kind}`)}</Badge>
              <Anchor component={Link} to={d.kind === 'goal' ? '/strategy/goals' : '/strategy/phases'} size="sm" c="indigo.8" lineClamp={1}>{d.title}</Anchor>
            </Group>
          ))}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
