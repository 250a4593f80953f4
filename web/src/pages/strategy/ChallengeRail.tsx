import { Anchor, Card, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { barValue, scoreColor } from './forecast.ts';
import { useStrategyItems, type Challenge } from './strategy-api.ts';

/**
 * The challenges' progress as a column at the right edge of every strategy page (the seed's
 * "status indicator on the right edge"): one bar per challenge.
 */
export function ChallengeRail() {
  const { t } = useTranslation();
  const challenges = useStrategyItems<Challenge>('challenges');
  const items = challenges.data?.items ?? [];
  return (
    <Card withBorder padding="md" component="aside" aria-labelledby="rail-heading" data-testid="challenge-rail">
      <Title order={2} size="h5" id="rail-heading" mb="xs">{t('strategy.rail.title')}</Title>
      {challenges.data && items.length === 0 && <Text size="sm" c="dimmed">{t('strategy.challenges.empty')}</Text>}
      <Stack gap="xs">
        {items.map((c) => (
          <div key={c.id}>
            <Text size="xs" fw={500} lineClamp={2}>{c.title}</Text>
            <Progress value={barValue(c.progress)} color={scoreColor(c.progress)} size="sm" mt={2} aria-label={t('strategy.challenges.progressLabel', { title: c.title })} />
            <Text size="xs" c="dimmed">{c.progress} % · {t(`strategy.challenges.state.${c.state}`)}</Text>
          </div>
        ))}
      </Stack>
      <Anchor component={Link} to="/strategy/challenges" size="xs" mt="sm" display="inline-block" c="indigo.8" underline="always">{t('strategy.rail.edit')}</Anchor>
    </Card>
  );
}
