import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TARGET_STATES } from '../../../../common/schemas/publishing.ts';
import { get } from '../../api/client.ts';
import { calendarKeys, type Channel, type PlanFacets } from './calendar-api.ts';
import type { ColourBy } from './plan-view.ts';

export interface PlanFilter {
  channelId: string | null;
  state: string | null;
  campaign: string | null;
  topic: string | null;
  authorId: string | null;
}

export const NO_FILTER: PlanFilter = { channelId: null, state: null, campaign: null, topic: null, authorId: null };

/** The plan's filters (channel, status, campaign, topic, author) and the colour switch. */
export function PlanFilters({ workspaceId, channels, names, filter, onFilter, colourBy, onColourBy }: {
  workspaceId: string; channels: Channel[]; names: Map<string, string>;
  filter: PlanFilter; onFilter: (f: PlanFilter) => void; colourBy: ColourBy; onColourBy: (c: ColourBy) => void;
}) {
  const { t } = useTranslation();
  const facets = useQuery({ queryKey: [...calendarKeys.all(workspaceId), 'facets'], queryFn: () => get<PlanFacets>(`/workspaces/${workspaceId}/publishing/facets`) });
  const set = (k: keyof PlanFilter) => (v: string | null) => onFilter({ ...filter, [k]: v });
  const common = { placeholder: t('calendar.plan.all'), clearable: true, w: 200 } as const;
  return (
    <Group align="flex-end" gap="sm">
      <Select label={t('calendar.plan.filterChannel')} {...common} data={channels.map((c) => ({ value: c.id, label: c.name }))} value={filter.channelId} onChange={set('channelId')} />
      <Select label={t('calendar.plan.filterState')} {...common} data={TARGET_STATES.map((s) => ({ value: s, label: t(`calendar.state.${s}`) }))} value={filter.state} onChange={set('state')} />
      <Select label={t('calendar.plan.filterCampaign')} {...common} searchable data={facets.data?.campaigns ?? []} value={filter.campaign} onChange={set('campaign')} />
      <Select label={t('calendar.plan.filterTopic')} {...common} searchable data={facets.data?.topics ?? []} value={filter.topic} onChange={set('topic')} />
      <Select label={t('calendar.plan.filterAuthor')} {...common} searchable data={(facets.data?.authorIds ?? []).map((id) => ({ value: id, label: names.get(id) ?? '–' }))} value={filter.authorId} onChange={set('authorId')} />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="colour-by-label">{t('calendar.plan.colourBy')}</Text>
        <SegmentedControl
          aria-labelledby="colour-by-label"
          value={colourBy}
          onChange={(v) => onColourBy(v as ColourBy)}
          data={[{ value: 'state', label: t('calendar.plan.byState') }, { value: 'channel', label: t('calendar.plan.byChannel') }]}
        />
      </Stack>
    </Group>
  );
}
