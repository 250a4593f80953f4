import { Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EffortEditor, EffortSummary } from './EffortEditor.tsx';
import { ItemPage } from './items/ItemPage.tsx';
import type { EffortPlan } from './strategy-api.ts';

/** Effort and resources: the calculator (posts × minutes + interactions × minutes + monitoring) against capacity. */
export function EffortPage() {
  const { t } = useTranslation();
  return (
    <ItemPage<EffortPlan>
      type="effort-plans" title={t('strategy.effort.title')} intro={t('strategy.effort.intro')} empty={t('strategy.effort.empty')} newLabel={t('strategy.effort.new')}
      nameOf={(p) => p.name}
      fields={[
        { name: 'name', kind: 'text', label: t('strategy.items.field.name'), required: true },
        { name: 'monitoringHoursPerWeek', kind: 'number', label: t('strategy.items.field.monitoringHoursPerWeek'), min: 0, max: 168 },
      ]}
      toValues={(p) => ({ name: p?.name ?? '', monitoringHoursPerWeek: p?.monitoringHoursPerWeek ?? 0, lines: p?.lines ?? [], capacity: p?.capacity ?? [], budgetItems: p?.budgetItems ?? [] })}
      extra={(values, set) => <EffortEditor values={values} set={set} />}
      render={(p, actions) => (
        <Card withBorder padding="md">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text fw={600}>{p.name}</Text>
              <Text size="sm" c="dimmed">{t('strategy.effort.lineCount', { count: p.lines.length })} · {t('strategy.effort.memberCount', { count: p.capacity.length })}</Text>
            </div>
            {actions}
          </Group>
          <EffortSummary result={p.result} />
        </Card>
      )}
    />
  );
}
