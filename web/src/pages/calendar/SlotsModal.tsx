import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, type Channel } from './calendar-api.ts';

type Slot = Channel['defaultSlots'][number];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Short text of a channel's slots, e.g. "Di 10:00 · Do 14:00". */
export function slotSummary(slots: Slot[], weekday: (n: number) => string): string {
  return [...slots].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time)).map((s) => `${weekday(s.weekday)} ${s.time}`).join(' · ');
}

/** Edits a channel's default posting times (weekday + time in the workspace zone). */
export function SlotsModal({ workspaceId, timezone, channel, onClose }: { workspaceId: string; timezone: string; channel: Channel; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [slots, setSlots] = useState<Slot[]>(channel.defaultSlots);
  const save = useMutation({
    mutationFn: () => patch<Channel>(`/workspaces/${workspaceId}/channels/${channel.id}`, { defaultSlots: slots }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('calendar.slots.saved'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      await qc.invalidateQueries({ queryKey: calendarKeys.all(workspaceId) });
      onClose();
    },
  });
  const valid = slots.every((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s.time));
  return (
    <Modal opened onClose={onClose} size="lg" title={t('calendar.slots.title', { name: channel.name })} closeButtonProps={{ 'aria-label': t('calendar.close') }}>
      <form onSubmit={(e) => { e.preventDefault(); if (valid) save.mutate(); }}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('calendar.slots.help', { zone: timezone })}</Text>
          {slots.length === 0 && <Text size="sm">{t('calendar.slots.none')}</Text>}
          {slots.map((s, i) => (
            <Group key={i} align="flex-end" gap="xs">
              <Select label={t('calendar.slots.weekday', { n: i + 1 })} data={WEEKDAYS.map((w) => ({ value: String(w), label: t(`calendar.weekdays.${w}`) }))} value={String(s.weekday)} allowDeselect={false}
                onChange={(v) => setSlots(slots.map((x, j) => (j === i ? { ...x, weekday: Number(v) } : x)))} w={230} />
              <TextInput type="time" label={t('calendar.slots.time', { n: i + 1 })} value={s.time} required error={/^([01]\d|2[0-3]):[0-5]\d$/.test(s.time) ? undefined : t('calendar.slots.badTime')} errorProps={{ c: 'red.9' }}
                onChange={(e) => { const v = e.currentTarget.value; setSlots(slots.map((x, j) => (j === i ? { ...x, time: v } : x))); }} w={200} />
              <ActionIcon variant="subtle" color="red.8" size="lg" onClick={() => setSlots(slots.filter((_, j) => j !== i))} aria-label={t('calendar.slots.remove', { n: i + 1 })}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setSlots([...slots, { weekday: 1, time: '10:00' }])} disabled={slots.length >= 50}>{t('calendar.slots.add')}</Button>
          </Group>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('calendar.cancel')}</Button>
            <Button type="submit" loading={save.isPending} disabled={!valid}>{t('calendar.slots.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
