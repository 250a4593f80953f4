import { Badge, Card, Group, Progress, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TOPIC_KINDS } from '../../../../common/schemas/strategy.ts';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ItemPage } from './items/ItemPage.tsx';
import type { Topic } from './strategy-api.ts';
import { useOptions } from './use-options.ts';

interface Effort {
  days: number; total: number; untagged: number;
  topics: { topicId: string; posts: number; share: number }[];
  goals: { goalId: string; posts: number; share: number }[];
  targetGroups: { targetGroupId: string; posts: number; share: number }[];
}

/** Where the plan's effort goes: posts per goal and target group through their topics. */
function EffortByGoal({ effort }: { effort: Effort | undefined }) {
  const { t } = useTranslation();
  const o = useOptions();
  if (!effort) return null;
  const rows = (items: { id: string; name: string | null; posts: number; share: number }[]) => items.filter((x) => x.name).sort((a, b) => b.posts - a.posts).map((x) => (
    <div key={x.id}>
      <Group justify="space-between" gap="xs" wrap="nowrap"><Text size="sm">{x.name}</Text><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{t('strategy.topics.posts', { count: x.posts })} · {x.share} %</Text></Group>
      <Progress value={x.share} color="indigo.7" size="sm" aria-label={t('strategy.topics.shareOf', { name: x.name, share: x.share })} />
    </div>
  ));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="effort-heading">
      <Title order={2} size="h4" id="effort-heading">{t('strategy.topics.effortTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('strategy.topics.effortText', { days: effort.days, total: effort.total, untagged: effort.untagged })}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div><Text size="sm" fw={600} mb={4}>{t('strategy.topics.byGoal')}</Text>{rows(effort.goals.map((g) => ({ id: g.goalId, name: o.goalTitle(g.goalId), posts: g.posts, share: g.share })))}</div>
        <div><Text size="sm" fw={600} mb={4}>{t('strategy.topics.byGroup')}</Text>{rows(effort.targetGroups.map((g) => ({ id: g.targetGroupId, name: o.groupName(g.targetGroupId), posts: g.posts, share: g.share })))}</div>
      </SimpleGrid>
    </Card>
  );
}

/** Content strategy: pillars and formats, linked to goals and target groups. */
export function TopicsPage() {
  const { t } = useTranslation();
  const o = useOptions();
  const ws = useWorkspace();
  const effort = useQuery({ queryKey: ['strategy', ws.id, 'topics', 'effort'], queryFn: () => get<Effort>(`/workspaces/${ws.id}/strategy/topics/effort`, { days: 30 }) });
  return (
    <ItemPage<Topic>
      type="topics" title={t('strategy.topics.title')} intro={t('strategy.topics.intro')} empty={t('strategy.topics.empty')} newLabel={t('strategy.topics.new')}
      nameOf={(x) => x.name}
      header={() => <EffortByGoal effort={effort.data} />}
      fields={[
        { name: 'name', kind: 'text', label: t('strategy.items.field.name'), required: true },
        { name: 'kind', kind: 'select', label: t('strategy.items.field.kind'), required: true, options: TOPIC_KINDS.map((k) => ({ value: k, label: t(`strategy.topics.kind.${k}`) })) },
        { name: 'description', kind: 'textarea', label: t('strategy.items.field.description') },
        { name: 'goalIds', kind: 'multiselect', label: t('strategy.items.field.goalIds'), options: o.goals, wide: true },
        { name: 'targetGroupIds', kind: 'multiselect', label: t('strategy.items.field.targetGroupIds'), options: o.targetGroups, wide: true },
      ]}
      toValues={(x) => ({ name: x?.name ?? '', kind: x?.kind ?? 'pillar', description: x?.description ?? '', goalIds: x?.goalIds ?? [], targetGroupIds: x?.targetGroupIds ?? [] })}
      render={(x, actions) => {
        const e = effort.data?.topics.find((y) => y.topicId === x.id);
        return (
          <Card withBorder padding="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap="xs"><Text fw={600}>{x.name}</Text><Badge size="sm" variant="outline" color="gray.7">{t(`strategy.topics.kind.${x.kind}`)}</Badge></Group>
                {x.description && <Text size="sm" c="dimmed" mt={4}>{x.description}</Text>}
                <Text size="sm" mt={4}>{t('strategy.topics.goals', { goals: x.goalIds.map(o.goalTitle).filter(Boolean).join(', ') || '–' })}</Text>
                <Text size="sm">{t('strategy.topics.groups', { groups: x.targetGroupIds.map(o.groupName).filter(Boolean).join(', ') || '–' })}</Text>
                {e && <Text size="sm" c="dimmed">{t('strategy.topics.inPlan', { count: e.posts, share: e.share })}</Text>}
              </div>
              {actions}
            </Group>
          </Card>
        );
      }}
    />
  );
}
