import { Button, Grid, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { NoAccess } from '../../components/NoAccess.tsx';
import { ChallengeRail } from './ChallengeRail.tsx';
import { ChallengesPage } from './ChallengesPage.tsx';
import { EffortPage } from './EffortPage.tsx';
import { GoalForm } from './GoalForm.tsx';
import { GoalsPage } from './GoalsPage.tsx';
import { PhasesPage } from './PhasesPage.tsx';
import { PlatformsPage } from './PlatformsPage.tsx';
import { StrategyOverview } from './StrategyOverview.tsx';
import { TargetGroupsPage } from './TargetGroupsPage.tsx';
import { TopicsPage } from './TopicsPage.tsx';

const SECTIONS = ['challenges', 'goals', 'target-groups', 'platforms', 'topics', 'effort', 'phases'] as const;

/** Links to the strategy's pages; the current one is marked for screen readers (aria-current). */
function StrategyNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = pathname.split('/')[2] ?? '';
  return (
    <Group gap={4} component="nav" aria-label={t('strategy.nav.label')} wrap="wrap">
      {[['', t('strategy.nav.overview')] as const, ...SECTIONS.map((s) => [s, t(`strategy.nav.${s}`)] as const)].map(([s, label]) => (
        <Button key={s} component={Link} to={`/strategy${s ? `/${s}` : ''}`} size="compact-sm" variant={current === s ? 'filled' : 'default'} color="indigo.8"
          aria-current={current === s ? 'page' : undefined}>{label}</Button>
      ))}
    </Group>
  );
}

/**
 * The strategy area (mounted at `/strategy/*`): the overview with the readiness navigator and one
 * page per part of the strategy, each with the challenges' status at the right edge.
 */
export function StrategyArea() {
  const can = useCan();
  return (
    <Grid gap="lg">
      <Grid.Col span={12}><StrategyNav /></Grid.Col>
      <Grid.Col span={{ base: 12, lg: 9 }}>
        <Routes>
          <Route index element={<StrategyOverview />} />
          <Route path="goals/new" element={can('strategy.write') ? <GoalForm /> : <NoAccess reason="forbidden" />} />
          <Route path="challenges" element={<ChallengesPage />} />
          <Route path="goals" element={<GoalsPage />} />
          <Route path="target-groups" element={<TargetGroupsPage />} />
          <Route path="platforms" element={<PlatformsPage />} />
          <Route path="topics" element={<TopicsPage />} />
          <Route path="effort" element={<EffortPage />} />
          <Route path="phases" element={<PhasesPage />} />
          <Route path="*" element={<StrategyOverview />} />
        </Routes>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 3 }}><ChallengeRail /></Grid.Col>
    </Grid>
  );
}
