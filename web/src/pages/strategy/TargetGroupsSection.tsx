import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useStrategyItems, type TargetGroup } from './strategy-api.ts';

/** Target groups in ranked order (priority 1 first) with tone, language, platforms and needs. */
export function TargetGroupsSection() {
  const { t } = useTranslation();
  const groups = useStrategyItems<TargetGroup>('target-groups');
  const items = [...(groups.data?.items ?? [])].sort((a, b) => a.priority - b.priority);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="tg-heading" id="target-groups">
      <Title order={2} size="h3" mb="md" id="tg-heading">{t('strategy.targetGroups.title')}</Title>
      <ErrorAlert error={groups.error} />
      {groups.data && items.length === 0 && <Text c="dimmed">{t('strategy.targetGroups.empty')}</Text>}
      <Stack gap="sm" component="ol" style={{ paddingLeft: 0, margin: 0, listStyle: 'none' }}>
        {items.map((g, i) => (
          <Card key={g.id} withBorder padding="sm" component="li" data-testid="target-group">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge variant="filled" color="indigo.8" circle size="lg" aria-label={t('strategy.targetGroups.rank', { rank: i + 1 })}>{i + 1}</Badge>
              <div>
                <Text fw={600}>{g.name}</Text>
                {g.description && <Text size="sm" c="dimmed">{g.description}</Text>}
                <Text size="sm" mt={4}>
                  {t('strategy.targetGroups.tone', { tone: g.tone, language: g.language.toUpperCase() })}
                  {g.platforms.length > 0 && ` · ${g.platforms.join(', ')}`}
                </Text>
                {g.needs.length > 0 && <Text size="sm">{t('strategy.targetGroups.needs', { needs: g.needs.join(', ') })}</Text>}
              </div>
            </Group>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}
