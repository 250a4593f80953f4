import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KPI_CATALOGUE, KPI_KEYS } from '../../../../common/kpi-catalogue.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { GoalRow } from './GoalsSection.tsx';
import { ItemSection } from './items/ItemPage.tsx';
import { SmartCheck } from './SmartCheck.tsx';
import { useStrategyItems, type Goal, type MetaGoal } from './strategy-api.ts';
import { useOptions } from './use-options.ts';

/** Meta goals and their SMART goals: edit, discuss, follow progress and forecast. */
export function GoalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('strategy.goals.title'));
  const lang = currentLanguage();
  const o = useOptions();
  const metas = useStrategyItems<MetaGoal>('meta-goals');
  const metaTitle = (id: string) => metas.data?.items.find((m) => m.id === id)?.title ?? '';
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('strategy.goals.title')}</Title>
        <Text c="dimmed" mt={4} maw={720}>{t('strategy.goals.intro')}</Text>
      </div>
      <ItemSection<MetaGoal>
        as="section" type="meta-goals" title={t('strategy.metaGoals.title')} intro={t('strategy.metaGoals.intro')} empty={t('strategy.metaGoals.empty')} newLabel={t('strategy.metaGoals.new')}
        nameOf={(m) => m.title}
        fields={[
          { name: 'title', kind: 'text', label: t('strategy.items.field.title'), required: true, wide: true },
          { name: 'description', kind: 'textarea', label: t('strategy.items.field.description') },
          { name: 'ownerId', kind: 'select', label: t('strategy.items.field.ownerId'), options: o.members, clearable: true },
        ]}
        toValues={(m) => ({ title: m?.title ?? '', description: m?.description ?? '', ownerId: m?.ownerId ?? null })}
        render={(m, actions) => (
          <Card withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Text fw={600}>{m.title}</Text>
                {m.description && <Text size="sm" c="dimmed">{m.description}</Text>}
                {o.nameOf(m.ownerId) && <Text size="sm">{t('strategy.goals.owner', { name: o.nameOf(m.ownerId) })}</Text>}
              </div>
              {actions}
            </Group>
          </Card>
        )}
      />
      <ItemSection<Goal>
        as="section" type="goals" title={t('strategy.goals.smartTitle')} intro={t('strategy.goals.smartIntro')} empty={t('strategy.goals.empty')} newLabel={t('strategy.goals.new')}
        newHref="/strategy/goals/new" nameOf={(g) => g.title} nullable={['ownerId']}
        fields={[
          { name: 'metaGoalId', kind: 'select', label: t('strategy.goalForm.fields.metaGoalId'), required: true, options: (metas.data?.items ?? []).map((m) => ({ value: m.id, label: m.title })) },
          { name: 'title', kind: 'text', label: t('strategy.goalForm.fields.title'), required: true },
          { name: 'metric', kind: 'select', label: t('strategy.goalForm.fields.metric'), required: true, options: KPI_KEYS.map((k) => ({ value: k, label: KPI_CATALOGUE[k][lang].name })) },
          { name: 'channels', kind: 'multiselect', label: t('strategy.goalForm.fields.channels'), options: o.channels, description: t('strategy.goalForm.channelsHint') },
          { name: 'baseline', kind: 'number', label: t('strategy.goalForm.fields.baseline'), required: true },
          { name: 'targetValue', kind: 'number', label: t('strategy.goalForm.fields.targetValue'), required: true },
          { name: 'startDate', kind: 'date', label: t('strategy.goalForm.fields.startDate'), required: true },
          { name: 'deadline', kind: 'date', label: t('strategy.goalForm.fields.deadline'), required: true },
          { name: 'ownerId', kind: 'select', label: t('strategy.goalForm.fields.ownerId'), options: o.members, clearable: true },
        ]}
        toValues={(g) => ({ metaGoalId: g?.metaGoalId ?? null, title: g?.title ?? '', metric: g?.metric ?? null, channels: g?.channels ?? [], baseline: g?.baseline ?? 0, targetValue: g?.targetValue ?? null, startDate: g?.startDate ?? '', deadline: g?.deadline ?? '', ownerId: g?.ownerId ?? null })}
        // A goal whose deadline has passed stays editable; the server checks only a newly set date.
        extra={(v) => <SmartCheck values={v} checkPast={false} />}
        render={(g, actions) => (
          <div>
            <Text size="xs" c="dimmed" mb={2}>{metaTitle(g.metaGoalId)}</Text>
            <GoalRow goal={g} actions={actions} as="div" />
          </div>
        )}
      />
    </Stack>
  );
}
