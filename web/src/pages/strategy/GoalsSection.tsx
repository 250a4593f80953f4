import { Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KPI_CATALOGUE } from '../../../../common/kpi-catalogue.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { barValue, FORECAST_COLOR } from './forecast.ts';
import { useStrategyItems, type Goal, type MetaGoal } from './strategy-api.ts';
import { useChannels } from './use-channels.ts';
import { useMembers } from './use-members.ts';

/** One SMART goal: metric, channels, baseline → target by deadline, progress bar and forecast badge. */
export function GoalRow({ goal, actions, as = 'li' }: { goal: Goal; actions?: ReactNode; as?: 'li' | 'div' }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { nameOf } = useMembers();
  const { labelOf } = useChannels();
  const kpi = KPI_CATALOGUE[goal.metric];
  const unit = kpi.unit === 'percent' ? ' %' : kpi.unit === 'minutes' ? ` ${t('strategy.goals.minutes')}` : '';
  const num = (n: number) => `${formatNumber(n, lang)}${unit}`;
  const p = goal.progress;
  const owner = nameOf(goal.ownerId);
  return (
    <Card withBorder padding="md" data-testid="goal" component={as}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>{goal.title}</Text>
          <Text size="sm" c="dimmed">
            {kpi[lang].name}
            {goal.channels.length > 0 && ` · ${goal.channels.map(labelOf).join(', ')}`}
            {owner && ` · ${t('strategy.goals.owner', { name: owner })}`}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Badge color={FORECAST_COLOR[p.forecast]} variant="outline" data-testid="forecast">{t(`strategy.forecast.${p.forecast}`)}</Badge>
          {actions}
        </Group>
      </Group>
      <Progress
        mt="sm" value={barValue(p.progress)} color={FORECAST_COLOR[p.forecast]} size="lg"
        aria-label={t('strategy.goals.progressLabel', { title: goal.title })}
      />
      <Group justify="space-between" mt={6} gap="xs">
        <Text size="sm">
          {p.current === null
            ? t('strategy.goals.noData')
            : t('strategy.goals.current', { current: num(p.current), progress: barValue(p.progress) })}
        </Text>
        <Text size="sm">{t('strategy.goals.target', { baseline: num(goal.baseline), target: num(goal.targetValue), deadline: formatDate(goal.deadline, lang, 'UTC') })}</Text>
      </Group>
      {p.projected !== null && <Text size="xs" c="dimmed" mt={4}>{t('strategy.goals.projected', { value: num(Math.round(p.projected * 10) / 10) })}</Text>}
    </Card>
  );
}

/** Meta goals, each with its SMART goals; goals whose meta goal is gone are listed at the end. */
export function GoalsSection() {
  const { t } = useTranslation();
  const can = useCan();
  const metas = useStrategyItems<MetaGoal>('meta-goals');
  const goals = useStrategyItems<Goal>('goals');
  const all = goals.data?.items ?? [];
  const metaList = metas.data?.items ?? [];
  const orphans = all.filter((g) => !metaList.some((m) => m.id === g.metaGoalId));
  const empty = metas.data && goals.data && all.length === 0 && metaList.length === 0;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="goals-heading" id="goals">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h3" id="goals-heading">{t('strategy.goals.title')}</Title>
        {can('strategy.write') && (
          <Button component={Link} to="/strategy/goals/new" leftSection={<IconPlus size={16} aria-hidden />}>{t('strategy.goals.new')}</Button>
        )}
      </Group>
      <ErrorAlert error={metas.error ?? goals.error} />
      {empty && <Text c="dimmed">{t('strategy.goals.empty')}</Text>}
      <Stack gap="lg">
        {metaList.map((m) => {
          const own = all.filter((g) => g.metaGoalId === m.id);
          return (
            <div key={m.id} data-testid="meta-goal">
              <Title order={3} size="h4">{m.title}</Title>
              {m.description && <Text size="sm" c="dimmed" mb="xs">{m.description}</Text>}
              {own.length === 0 ? (
                <Text size="sm" c="dimmed">{t('strategy.goals.noSmart')}</Text>
              ) : (
                <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {own.map((g) => <GoalRow key={g.id} goal={g} />)}
                </Stack>
              )}
            </div>
          );
        })}
        {orphans.length > 0 && (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {orphans.map((g) => <GoalRow key={g.id} goal={g} />)}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
