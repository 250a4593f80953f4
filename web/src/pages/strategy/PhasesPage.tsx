import { Badge, Card, Group, List, Progress, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { ItemPage } from './items/ItemPage.tsx';
import type { Phase } from './strategy-api.ts';
import { useOptions } from './use-options.ts';

interface Completion { phases: { phaseId: string; members: number; passed: number; share: number }[] }
interface TrainingSummary { id: string; title: string; status: string }

/** Training completion of each phase's members (first published training), for guideline editors. */
function usePhaseTraining() {
  const ws = useWorkspace();
  const can = useCan();
  const trainings = useQuery({ queryKey: ['trainings', ws.id], enabled: can('guidelines.write'), queryFn: () => get<{ items: TrainingSummary[] }>(`/workspaces/${ws.id}/trainings`) });
  const first = trainings.data?.items.find((x) => x.status === 'published');
  const completion = useQuery({ queryKey: ['training-completion', ws.id, first?.id], enabled: Boolean(first), queryFn: () => get<Completion>(`/workspaces/${ws.id}/trainings/${first!.id}/completion`) });
  return { training: first, of: (phaseId: string) => completion.data?.phases.find((p) => p.phaseId === phaseId) };
}

/** Roll-out in phases: a pilot group first, with dates, entry and exit criteria, members and channels. */
export function PhasesPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const o = useOptions();
  const training = usePhaseTraining();
  const day = (d: string | null) => (d ? formatDate(d, lang, 'UTC') : '–');
  return (
    <ItemPage<Phase>
      type="phases" title={t('strategy.phases.title')} intro={t('strategy.phases.intro')} empty={t('strategy.phases.empty')} newLabel={t('strategy.phases.new')}
      nameOf={(p) => p.name} nullable={['startDate', 'endDate']}
      fields={[
        { name: 'name', kind: 'text', label: t('strategy.items.field.name'), required: true },
        { name: 'position', kind: 'number', label: t('strategy.items.field.position'), min: 1, max: 100 },
        { name: 'isPilot', kind: 'switch', label: t('strategy.items.field.isPilot'), description: t('strategy.phases.pilotHint') },
        { name: 'startDate', kind: 'date', label: t('strategy.items.field.startDate') },
        { name: 'endDate', kind: 'date', label: t('strategy.items.field.endDate') },
        { name: 'memberIds', kind: 'multiselect', label: t('strategy.items.field.memberIds'), options: o.members, wide: true },
        { name: 'channels', kind: 'multiselect', label: t('strategy.items.field.channels'), options: o.channels, wide: true },
        { name: 'entryCriteria', kind: 'list', label: t('strategy.items.field.entryCriteria'), description: t('strategy.items.listHint') },
        { name: 'exitCriteria', kind: 'list', label: t('strategy.items.field.exitCriteria'), description: t('strategy.items.listHint') },
      ]}
      toValues={(p) => ({
        name: p?.name ?? '', position: p?.position ?? 1, isPilot: p?.isPilot ?? false, startDate: p?.startDate ?? '', endDate: p?.endDate ?? '',
        memberIds: p?.memberIds ?? [], channels: p?.channels ?? [], entryCriteria: p?.entryCriteria ?? [], exitCriteria: p?.exitCriteria ?? [],
      })}
      sort={(a, b) => a.position - b.position}
      render={(p, actions) => {
        const done = training.of(p.id);
        return (
          <Card withBorder padding="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap="xs"><Text fw={600}>{p.position}. {p.name}</Text>{p.isPilot && <Badge size="sm" color="indigo.8" variant="filled">{t('strategy.phases.pilot')}</Badge>}</Group>
                <Text size="sm" c="dimmed">{day(p.startDate)} – {day(p.endDate)}</Text>
              </div>
              {actions}
            </Group>
            <List size="sm" mt="xs" spacing={2}>
              <List.Item>{t('strategy.phases.members', { count: p.memberIds.length, names: p.memberIds.map(o.nameOf).filter(Boolean).join(', ') || '–' })}</List.Item>
              <List.Item>{t('strategy.phases.channels', { channels: p.channels.map(o.labelOf).join(', ') || '–' })}</List.Item>
              <List.Item>{t('strategy.phases.entry', { criteria: p.entryCriteria.join('; ') || '–' })}</List.Item>
              <List.Item>{t('strategy.phases.exit', { criteria: p.exitCriteria.join('; ') || '–' })}</List.Item>
            </List>
            {done && training.training && done.members > 0 && (
              <Group gap="xs" mt="xs" wrap="nowrap">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{t('strategy.phases.trained', { passed: done.passed, members: done.members, training: training.training.title })}</Text>
                <Progress value={done.share} color="teal.8" style={{ flex: 1 }} aria-label={t('strategy.phases.trainedShare', { share: done.share })} />
              </Group>
            )}
          </Card>
        );
      }}
    />
  );
}
