/** Targets per channel and priority (overriding the defaults) and closed days, as part of the SLA settings form. */
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SLA_PRIORITIES } from '../../../../common/schemas/sla.ts';
import type { SlaSettings } from './community-api.ts';

type Policy = SlaSettings['policies'][number];
type ClosedDay = SlaSettings['closedDays'][number];

export function SlaPolicies({ policies, channels, disabled, onChange }: {
  policies: Policy[]; channels: { id: string; name: string }[]; disabled: boolean; onChange: (p: Policy[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, p: Partial<Policy>) => onChange(policies.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const minutes = (v: string | number) => (v === '' || v === null ? null : Number(v));
  return (
    <Stack gap={4} mt="md" data-testid="sla-policies">
      <Title order={3} size="h5">{t('community.sla.policies')}</Title>
      <Text size="sm" c="dimmed">{t('community.sla.policiesHint')}</Text>
      {policies.map((p, i) => (
        <Group key={i} align="end" wrap="wrap" gap="xs">
          <Select label={t('community.sla.policyChannel', { n: i + 1 })} clearable placeholder={t('community.roster.allChannels')} value={p.channelId} disabled={disabled} w={200}
            onChange={(v) => set(i, { channelId: v })} data={channels.map((c) => ({ value: c.id, label: c.name }))} />
          <Select label={t('community.sla.policyPriority', { n: i + 1 })} clearable placeholder={t('community.sla.allPriorities')} value={p.priority} disabled={disabled} w={160}
            onChange={(v) => set(i, { priority: v as Policy['priority'] })} data={SLA_PRIORITIES.map((x) => ({ value: x, label: t(`inbox.priority.${x}`) }))} />
          <NumberInput label={t('community.sla.policyFirst', { n: i + 1 })} min={1} value={p.firstResponseMinutes ?? ''} placeholder={t('community.sla.default')} disabled={disabled} w={230}
            onChange={(v) => set(i, { firstResponseMinutes: minutes(v) })} />
          <NumberInput label={t('community.sla.policyResolution', { n: i + 1 })} min={1} value={p.resolutionMinutes ?? ''} placeholder={t('community.sla.default')} disabled={disabled} w={230}
            onChange={(v) => set(i, { resolutionMinutes: minutes(v) })} />
          {!disabled && (
            <ActionIcon variant="subtle" color="red.9" mb={6} onClick={() => onChange(policies.filter((_, j) => j !== i))} aria-label={t('community.sla.removePolicy', { n: i + 1 })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!disabled && (
        <Group><Button size="xs" variant="default" onClick={() => onChange([...policies, { channelId: null, priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: null }])}>{t('community.sla.addPolicy')}</Button></Group>
      )}
    </Stack>
  );
}

export function SlaClosedDays({ days, disabled, onChange }: { days: ClosedDay[]; disabled: boolean; onChange: (d: ClosedDay[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, d: Partial<ClosedDay>) => onChange(days.map((x, j) => (j === i ? { ...x, ...d } : x)));
  return (
    <Stack gap={4} mt="md" data-testid="sla-closed-days">
      <Title order={3} size="h5">{t('community.sla.closedDays')}</Title>
      <Text size="sm" c="dimmed">{t('community.sla.closedDaysHint')}</Text>
      {days.map((d, i) => (
        <Group key={i} align="end" gap="xs">
          <TextInput type="date" label={t('community.sla.closedDate', { n: i + 1 })} value={d.date} disabled={disabled} onChange={(e) => set(i, { date: e.currentTarget.value })} required />
          <TextInput label={t('community.sla.closedLabel', { n: i + 1 })} value={d.label} disabled={disabled} maxLength={200} onChange={(e) => set(i, { label: e.currentTarget.value })} w={260} />
          {!disabled && (
            <ActionIcon variant="subtle" color="red.9" mb={6} onClick={() => onChange(days.filter((_, j) => j !== i))} aria-label={t('community.sla.removeClosed', { n: i + 1 })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!disabled && <Group><Button size="xs" variant="default" onClick={() => onChange([...days, { date: '', label: '' }])}>{t('community.sla.addClosed')}</Button></Group>}
    </Stack>
  );
}
