import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconClockPlay } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { zonedToInstant } from '../../../../common/zoned-time.ts';
import { get } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { calendarKeys, type Channel, type NextSlot } from './calendar-api.ts';

interface Props {
  workspaceId: string;
  timezone: string;
  channels: Channel[];
  value: string;
  onChange: (local: string) => void;
  readOnly?: boolean;
}

/**
 * The publishing time as wall-clock time in the workspace zone (what the editor plans in), the same
 * instant in the user's own zone when that differs, and the chosen channels' next free default slots.
 */
export function ScheduleField({ workspaceId, timezone, channels, value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const slots = useQueries({
    queries: channels.map((c) => ({
      queryKey: [...calendarKeys.all(workspaceId), 'next-slot', c.id],
      queryFn: () => get<NextSlot>(`/workspaces/${workspaceId}/channels/${c.id}/next-slot`),
      enabled: !readOnly && c.defaultSlots.length > 0,
    })),
  });
  const offers = slots.flatMap((q, i) => (q.data?.slot ? [{ channel: channels[i]!, slot: q.data.slot }] : []));
  let inUserZone: string | null = null;
  try {
    if (value && userZone !== timezone) inUserZone = zonedToInstant(value, timezone).toISOString();
  } catch {
    inUserZone = null;
  }
  return (
    <Stack gap={6}>
      <TextInput type="datetime-local" label={t('calendar.composer.schedule')} description={t('calendar.composer.scheduleHelp', { zone: timezone })} value={value} onChange={(e) => onChange(e.currentTarget.value)} readOnly={readOnly} />
      {inUserZone && (
        <Text size="xs" c="dimmed" data-testid="schedule-user-zone">
          {inUserZone && t('calendar.composer.inYourZone', { time: formatDateTime(inUserZone, lang, userZone), zone: userZone })}
        </Text>
      )}
      {offers.length > 0 && (
        <Group gap="xs" aria-label={t('calendar.composer.slots')} role="group">
          {offers.map(({ channel, slot }) => (
            <Button key={channel.id} size="xs" variant="light" h="auto" py={4} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }} leftSection={<IconClockPlay size={14} aria-hidden />} onClick={() => onChange(slot.local)} data-testid="next-slot">
              {t('calendar.composer.nextSlot', { time: formatDateTime(slot.at, lang, timezone), channel: channel.name })}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
