import { ActionIcon, Badge, Card, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TONES } from '../../../../common/schemas/strategy.ts';
import { put } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ItemPage } from './items/ItemPage.tsx';
import { strategyKey, useStrategyItems, type TargetGroup } from './strategy-api.ts';
import { useOptions } from './use-options.ts';

/** Target groups ranked by priority (1 first); editors move them up and down. */
export function TargetGroupsPage() {
  const { t } = useTranslation();
  const o = useOptions();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const groups = useStrategyItems<TargetGroup>('target-groups');
  const ranked = [...(groups.data?.items ?? [])].sort((a, b) => a.priority - b.priority);
  const order = useMutation({
    mutationFn: (ids: string[]) => put(`/workspaces/${ws.id}/strategy/target-groups/order`, { ids }),
    onSuccess: () => qc.invalidateQueries({ queryKey: strategyKey(ws.id, 'target-groups') }),
  });
  const move = (g: TargetGroup, by: -1 | 1) => {
    const ids = ranked.map((x) => x.id);
    const i = ids.indexOf(g.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    order.mutate(ids);
  };
  return (
    <ItemPage<TargetGroup>
      type="target-groups" title={t('strategy.targetGroups.title')} intro={t('strategy.targetGroups.intro')} empty={t('strategy.targetGroups.empty')} newLabel={t('strategy.targetGroups.new')}
      nameOf={(g) => g.name} listAs="ol" sort={(a, b) => a.priority - b.priority}
      header={() => <ErrorAlert error={order.error} />}
      fields={[
        { name: 'name', kind: 'text', label: t('strategy.items.field.name'), required: true },
        { name: 'priority', kind: 'number', label: t('strategy.items.field.priority'), min: 1, max: 1000, description: t('strategy.targetGroups.priorityHint') },
        { name: 'description', kind: 'textarea', label: t('strategy.items.field.description') },
        { name: 'needs', kind: 'list', label: t('strategy.items.field.needs'), description: t('strategy.items.listHint') },
        { name: 'interests', kind: 'list', label: t('strategy.items.field.interests'), description: t('strategy.items.listHint') },
        { name: 'platforms', kind: 'multiselect', label: t('strategy.items.field.platforms'), options: o.channels },
        { name: 'tone', kind: 'select', label: t('strategy.items.field.tone'), required: true, options: TONES.map((x) => ({ value: x, label: x })) },
        { name: 'language', kind: 'select', label: t('strategy.items.field.language'), required: true, options: [{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }, { value: 'de-simple', label: t('strategy.targetGroups.simpleGerman') }] },
      ]}
      toValues={(g) => ({ name: g?.name ?? '', priority: g?.priority ?? ranked.length + 1, description: g?.description ?? '', needs: g?.needs ?? [], interests: g?.interests ?? [], platforms: g?.platforms ?? [], tone: g?.tone ?? 'Sie', language: g?.language ?? 'de' })}
      render={(g, actions) => {
        const rank = ranked.indexOf(g) + 1;
        return (
          <Card withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Badge variant="filled" color="indigo.8" circle size="lg" aria-label={t('strategy.targetGroups.rank', { rank })}>{rank}</Badge>
                <div>
                  <Text fw={600}>{g.name}</Text>
                  {g.description && <Text size="sm" c="dimmed">{g.description}</Text>}
                  <Text size="sm" mt={4}>{t('strategy.targetGroups.tone', { tone: g.tone, language: g.language.toUpperCase() })}{g.platforms.length > 0 && ` · ${g.platforms.map(o.labelOf).join(', ')}`}</Text>
                  {g.needs.length > 0 && <Text size="sm">{t('strategy.targetGroups.needs', { needs: g.needs.join(', ') })}</Text>}
                  {g.interests.length > 0 && <Text size="sm">{t('strategy.targetGroups.interests', { interests: g.interests.join(', ') })}</Text>}
                </div>
              </Group>
              <Group gap={4} wrap="nowrap">
                {can('strategy.write') && (
                  <>
                    <ActionIcon variant="subtle" color="gray.8" disabled={rank === 1 || order.isPending} onClick={() => move(g, -1)} aria-label={t('strategy.targetGroups.up', { name: g.name })}><IconArrowUp size={18} aria-hidden /></ActionIcon>
                    <ActionIcon variant="subtle" color="gray.8" disabled={rank === ranked.length || order.isPending} onClick={() => move(g, 1)} aria-label={t('strategy.targetGroups.down', { name: g.name })}><IconArrowDown size={18} aria-hidden /></ActionIcon>
                  </>
                )}
                {actions}
              </Group>
            </Group>
          </Card>
        );
      }}
    />
  );
}
