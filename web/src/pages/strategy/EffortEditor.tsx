import { ActionIcon, Alert, Button, Group, NumberInput, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { capacityFromRoster, type RosterShift } from './roster-capacity.ts';
import { calculateEffort, type EffortLine, type EffortResult } from '../../../../common/effort-calculator.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import type { Values } from './items/ItemFormModal.tsx';
import { useOptions } from './use-options.ts';

type Capacity = { userId: string; hoursPerWeek: number };
type Budget = { label: string; amountEur: number };

/** Planned hours against capacity, with the calculator's warnings (shared by the form and the list). */
export function EffortSummary({ result }: { result: Omit<EffortResult, 'warnings'> & { warnings: readonly string[] } }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const n = (x: number) => formatNumber(Math.round(x * 10) / 10, lang);
  const pct = result.utilisation === null ? 0 : Math.min(100, Math.round(result.utilisation * 100));
  return (
    <Stack gap={4} mt="sm">
      <Group justify="space-between"><Text size="sm">{t('strategy.effort.planned', { hours: n(result.plannedHours) })}</Text><Text size="sm">{t('strategy.effort.capacity', { hours: n(result.capacityHours) })}</Text></Group>
      <Progress value={pct} color={result.overCapacity ? 'red.9' : pct > 90 ? 'orange.9' : 'teal.8'} aria-label={t('strategy.effort.utilisation', { pct })} />
      <Text size="xs" c="dimmed">{t('strategy.effort.breakdown', { posting: n(result.postingHours), interaction: n(result.interactionHours), monitoring: n(result.monitoringHours) })}{result.budgetEur ? ` · ${t('strategy.effort.budget', { eur: n(result.budgetEur) })}` : ''}</Text>
      {result.warnings.map((w) => (
        <Alert key={w} color={w === 'over_capacity' || w === 'no_capacity' ? 'red' : 'orange'} variant="light" role="status" data-testid={`effort-warning-${w}`}>{t(`strategy.effort.warning.${w}`)}</Alert>
      ))}
    </Stack>
  );
}

/** The calculator's inputs inside the effort plan form, with a live result. */
export function EffortEditor({ values, set }: { values: Values; set: (name: string, v: unknown) => void }) {
  const { t } = useTranslation();
  const o = useOptions();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const can = useCan();
  // The duty roster is readable for the inbox team; others enter the capacity by hand.
  const roster = useQuery({ queryKey: ['roster', ws.id, 'shifts'], enabled: can('inbox.read'), queryFn: () => get<{ items: RosterShift[] }>(`/workspaces/${ws.id}/roster/shifts`) });
  const fromRoster = roster.data ? capacityFromRoster(roster.data.items, new Date().toISOString().slice(0, 10)) : [];
  const lines = (values.lines as EffortLine[] | undefined) ?? [];
  const capacity = (values.capacity as Capacity[] | undefined) ?? [];
  const budget = (values.budgetItems as Budget[] | undefined) ?? [];
  const num = (v: string | number, d = 0) => (typeof v === 'number' ? v : d);
  const dec = lang === 'de' ? ',' : '.';
  const upd = <T,>(name: string, list: T[], i: number, patch: Partial<T>) => set(name, list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const result = calculateEffort({ lines, monitoringHoursPerWeek: num(values.monitoringHoursPerWeek as number), capacity, budgetItems: budget });
  const cell = (label: string, value: number, onChange: (v: number) => void, max = 100_000) => (
    <NumberInput aria-label={label} size="xs" value={value} min={0} max={max} decimalSeparator={dec} onChange={(v) => onChange(num(v))} />
  );
  return (
    <Stack gap="sm" mt="md">
      <Text fw={600} size="sm">{t('strategy.effort.lines')}</Text>
      <Table withTableBorder>
        <Table.Thead><Table.Tr>
          <Table.Th>{t('strategy.effort.network')}</Table.Th><Table.Th>{t('strategy.effort.postsPerWeek')}</Table.Th><Table.Th>{t('strategy.effort.minutesPerPost')}</Table.Th>
          <Table.Th>{t('strategy.effort.interactionsPerWeek')}</Table.Th><Table.Th>{t('strategy.effort.minutesPerInteraction')}</Table.Th><Table.Th><span className="sr-only">{t('common.actions')}</span></Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => (
            <Table.Tr key={i}>
              <Table.Td><Select size="xs" aria-label={t('strategy.effort.network')} data={o.networks} value={l.network} onChange={(v) => upd('lines', lines, i, { network: v ?? 'bluesky' })} /></Table.Td>
              <Table.Td>{cell(t('strategy.effort.postsPerWeek'), l.postsPerWeek, (v) => upd('lines', lines, i, { postsPerWeek: v }), 1000)}</Table.Td>
              <Table.Td>{cell(t('strategy.effort.minutesPerPost'), l.minutesPerPost, (v) => upd('lines', lines, i, { minutesPerPost: v }), 1440)}</Table.Td>
              <Table.Td>{cell(t('strategy.effort.interactionsPerWeek'), l.interactionsPerWeek, (v) => upd('lines', lines, i, { interactionsPerWeek: v }))}</Table.Td>
              <Table.Td>{cell(t('strategy.effort.minutesPerInteraction'), l.minutesPerInteraction, (v) => upd('lines', lines, i, { minutesPerInteraction: v }), 1440)}</Table.Td>
              <Table.Td><ActionIcon variant="subtle" color="red.9" onClick={() => set('lines', lines.filter((_, j) => j !== i))} aria-label={t('strategy.effort.removeLine')}><IconTrash size={16} aria-hidden /></ActionIcon></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group><Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set('lines', [...lines, { network: 'bluesky', postsPerWeek: 3, minutesPerPost: 30, interactionsPerWeek: 20, minutesPerInteraction: 3 }])}>{t('strategy.effort.addLine')}</Button></Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <div>
          <Text fw={600} size="sm">{t('strategy.effort.team')}</Text>
          {capacity.map((c, i) => (
            <Group key={i} gap="xs" mt={4} wrap="nowrap">
              <Select size="xs" aria-label={t('strategy.effort.member')} data={o.members} value={c.userId} onChange={(v) => upd('capacity', capacity, i, { userId: v ?? '' })} style={{ flex: 1 }} />
              <NumberInput size="xs" aria-label={t('strategy.effort.hoursPerWeek')} value={c.hoursPerWeek} min={0} max={80} w={90} decimalSeparator={dec} suffix=" h" onChange={(v) => upd('capacity', capacity, i, { hoursPerWeek: num(v) })} />
              <ActionIcon variant="subtle" color="red.9" onClick={() => set('capacity', capacity.filter((_, j) => j !== i))} aria-label={t('strategy.effort.removeMember')}><IconTrash size={16} aria-hidden /></ActionIcon>
            </Group>
          ))}
          <Button mt={4} size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} disabled={!o.members.length}
            onClick={() => set('capacity', [...capacity, { userId: o.members.find((m) => !capacity.some((c) => c.userId === m.value))?.value ?? o.members[0]!.value, hoursPerWeek: 4 }])}>{t('strategy.effort.addMember')}</Button>
          {fromRoster.length > 0 && (
            <Button mt={4} ml="xs" size="xs" variant="default" onClick={() => set('capacity', fromRoster)}>{t('strategy.effort.fromRoster', { hours: formatNumber(fromRoster.reduce((s, c) => s + c.hoursPerWeek, 0), lang) })}</Button>
          )}
        </div>
        <div>
          <Text fw={600} size="sm">{t('strategy.effort.budgetItems')}</Text>
          {budget.map((b, i) => (
            <Group key={i} gap="xs" mt={4} wrap="nowrap">
              <TextInput size="xs" aria-label={t('strategy.effort.budgetLabel')} value={b.label} onChange={(e) => upd('budgetItems', budget, i, { label: e.currentTarget.value })} style={{ flex: 1 }} maxLength={500} />
              <NumberInput size="xs" aria-label={t('strategy.effort.amount')} value={b.amountEur} min={0} w={110} decimalSeparator={dec} suffix=" €" onChange={(v) => upd('budgetItems', budget, i, { amountEur: num(v) })} />
              <ActionIcon variant="subtle" color="red.9" onClick={() => set('budgetItems', budget.filter((_, j) => j !== i))} aria-label={t('strategy.effort.removeBudget')}><IconTrash size={16} aria-hidden /></ActionIcon>
            </Group>
          ))}
          <Button mt={4} size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set('budgetItems', [...budget, { label: t('strategy.effort.newBudget'), amountEur: 0 }])}>{t('strategy.effort.addBudget')}</Button>
        </div>
      </SimpleGrid>
      <EffortSummary result={result} />
    </Stack>
  );
}
