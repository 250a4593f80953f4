import { Badge, Card, Group, List, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHALLENGE_STATES } from '../../../../common/schemas/strategy.ts';
import { barValue, scoreColor } from './forecast.ts';
import { ItemPage } from './items/ItemPage.tsx';
import type { Challenge } from './strategy-api.ts';
import { useOptions } from './use-options.ts';

export const STATE_COLOR: Record<Challenge['state'], string> = { not_started: 'gray.7', in_progress: 'indigo.8', blocked: 'red.9', done: 'teal.9' };

/** Challenges (speed, transparency, governance …) with owner, measures and a progress status. */
export function ChallengesPage() {
  const { t } = useTranslation();
  const o = useOptions();
  return (
    <ItemPage<Challenge>
      type="challenges" title={t('strategy.challenges.title')} intro={t('strategy.challenges.intro')} empty={t('strategy.challenges.empty')} newLabel={t('strategy.challenges.new')}
      nameOf={(c) => c.title}
      fields={[
        { name: 'title', kind: 'text', label: t('strategy.items.field.title'), required: true },
        { name: 'state', kind: 'select', label: t('strategy.items.field.state'), required: true, options: CHALLENGE_STATES.map((s) => ({ value: s, label: t(`strategy.challenges.state.${s}`) })) },
        { name: 'description', kind: 'textarea', label: t('strategy.items.field.description') },
        { name: 'ownerId', kind: 'select', label: t('strategy.items.field.ownerId'), options: o.members, clearable: true },
        { name: 'progress', kind: 'slider', label: t('strategy.items.field.progress'), description: t('strategy.challenges.progressHint') },
        { name: 'measures', kind: 'list', label: t('strategy.items.field.measures'), description: t('strategy.items.listHint') },
      ]}
      toValues={(c) => ({ title: c?.title ?? '', state: c?.state ?? 'not_started', description: c?.description ?? '', ownerId: c?.ownerId ?? null, progress: c?.progress ?? 0, measures: c?.measures ?? [] })}
      render={(c, actions) => (
        <Card withBorder padding="md">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Group gap="xs"><Text fw={600}>{c.title}</Text><Badge color={STATE_COLOR[c.state]} variant="outline" size="sm">{t(`strategy.challenges.state.${c.state}`)}</Badge></Group>
              {c.description && <Text size="sm" c="dimmed" mt={4}>{c.description}</Text>}
              <Text size="sm" mt={4}>{o.nameOf(c.ownerId) ? t('strategy.goals.owner', { name: o.nameOf(c.ownerId) }) : t('strategy.challenges.noOwner')}</Text>
            </div>
            {actions}
          </Group>
          <Group gap="xs" mt="sm" wrap="nowrap">
            <Progress value={barValue(c.progress)} color={scoreColor(c.progress)} style={{ flex: 1 }} aria-label={t('strategy.challenges.progressLabel', { title: c.title })} />
            <Text size="sm" w={52} ta="right" style={{ whiteSpace: 'nowrap' }}>{c.progress} %</Text>
          </Group>
          {c.measures.length > 0 && <List size="sm" mt="xs">{c.measures.map((m) => <List.Item key={m}>{m}</List.Item>)}</List>}
        </Card>
      )}
    />
  );
}
