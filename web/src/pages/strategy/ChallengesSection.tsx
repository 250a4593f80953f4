import { Badge, Card, Group, Progress, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { barValue, scoreColor } from './forecast.ts';
import { useStrategyItems, type Challenge } from './strategy-api.ts';
import { useMembers } from './use-members.ts';

const STATE_COLOR: Record<Challenge['state'], string> = { not_started: 'gray.7', in_progress: 'indigo.8', blocked: 'red.9', done: 'teal.9' };

/** Challenges with their progress status bar (the seed's "status indicator on the right edge"). */
export function ChallengesSection() {
  const { t } = useTranslation();
  const { nameOf } = useMembers();
  const challenges = useStrategyItems<Challenge>('challenges');
  const items = challenges.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="challenges-heading" id="challenges">
      <Title order={2} size="h3" mb="md" id="challenges-heading">{t('strategy.challenges.title')}</Title>
      <ErrorAlert error={challenges.error} />
      {challenges.data && items.length === 0 && <Text c="dimmed">{t('strategy.challenges.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {items.map((c) => {
          const owner = nameOf(c.ownerId);
          return (
            <Card key={c.id} withBorder padding="md" data-testid="challenge">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600}>{c.title}</Text>
                <Badge color={STATE_COLOR[c.state]} variant="outline" size="sm">{t(`strategy.challenges.state.${c.state}`)}</Badge>
              </Group>
              {c.description && <Text size="sm" c="dimmed" mt={4} lineClamp={3}>{c.description}</Text>}
              {owner && <Text size="sm" mt={4}>{t('strategy.goals.owner', { name: owner })}</Text>}
              <Group gap="xs" mt="sm" wrap="nowrap">
                <Progress value={barValue(c.progress)} color={scoreColor(c.progress)} style={{ flex: 1 }} aria-label={t('strategy.challenges.progressLabel', { title: c.title })} />
                <Text size="sm" w={52} ta="right" style={{ whiteSpace: "nowrap" }}>{c.progress} %</Text>
              </Group>
              {c.measures.length > 0 && <Text size="xs" c="dimmed" mt={6}>{t('strategy.challenges.measures', { count: c.measures.length })}</Text>}
            </Card>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}
