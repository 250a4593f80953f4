/**
 * The duty roster: shifts per channel and the duty editor (CvD) in a week calendar (FullCalendar),
 * absences with their substitute, who is on duty now, and the iCal subscription (profile page).
 */
import type { DatesSetArg, EventInput } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { del, fieldErrorsOf, get, post, put } from '../../api/client.ts';
import { useLiveInvalidate } from '../../api/live.tsx';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, messageOf, useChannelList, useTeam, type OnDuty, type RosterCalendar, type Shift } from './community-api.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
// Stable option objects: new ones on every render make FullCalendar reset its view and call datesSet again.
const PLUGINS = [timeGridPlugin, listPlugin];
const LOCALES = [deLocale, enGbLocale];
const TOOLBAR = { left: 'prev,next today', center: 'title', right: 'timeGridWeek,listWeek' };
type ShiftForm = {
  id?: string; duty: 'channel' | 'duty_editor'; channelId: string | null; userId: string | null; recurrence: 'weekly' | 'once';
  weekday: string; startTime: string; endTime: string; validFrom: string; validUntil: string; startsAt: string; endsAt: string;
};
const NEW_SHIFT: ShiftForm = { duty: 'channel', channelId: null, userId: null, recurrence: 'weekly', weekday: '1', startTime: '08:00', endTime: '16:00', validFrom: '', validUntil: '', startsAt: '', endsAt: '' };
/** An instant as the value of a datetime-local input (the browser's zone). */
const localInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const formOf = (s: Shift): ShiftForm => ({
  id: s.id, duty: s.duty, channelId: s.channelId, userId: s.userId, recurrence: s.recurrence, weekday: String(s.weekday ?? 1), startTime: s.startTime ?? '08:00', endTime: s.endTime ?? '16:00',
  validFrom: s.validFrom ?? '', validUntil: s.validUntil ?? '', startsAt: localInput(s.startsAt), endsAt: localInput(s.endsAt),
});
type AbsenceForm = { userId: string | null; substituteId: string | null; from: string; to: string; note: string };

export function RosterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('community.roster.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  useLiveInvalidate('roster.', communityKeys.of(ws.id, 'roster'));
  const team = useTeam(ws.id);
  const channels = useChannelList(ws.id);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const cal = useQuery({ queryKey: communityKeys.of(ws.id, 'roster', 'calendar', range), queryFn: () => get<RosterCalendar>(`/workspaces/${ws.id}/roster/calendar`, range!), enabled: range !== null, placeholderData: (p) => p });
  const shifts = useQuery({ queryKey: communityKeys.of(ws.id, 'roster', 'shifts'), queryFn: () => get<{ items: Shift[] }>(`/workspaces/${ws.id}/roster/shifts`).then((r) => r.items) });
  const onDuty = useQuery({ queryKey: communityKeys.of(ws.id, 'roster', 'now'), queryFn: () => get<OnDuty>(`/workspaces/${ws.id}/roster/on-duty`), refetchInterval: 60_000 });
  const [shiftForm, setShiftForm] = useState<ShiftForm | null>(null);
  const [absenceForm, setAbsenceForm] = useState<AbsenceForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const members = team.data?.members ?? [];
  const nameOf = (id: string | null) => (id ? members.find((m) => m.userId === id)?.name ?? '?' : t('community.roster.uncovered'));
  const channelName = (id: string | null) => (id ? channels.data?.find((c) => c.id === id)?.name ?? '?' : t('community.roster.allChannels'));
  const memberOptions = members.map((m) => ({ value: m.userId, label: m.name }));
  const manage = can('community.manage');
  const fmt = (iso: string) => new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const refresh = () => qc.invalidateQueries({ queryKey: communityKeys.of(ws.id, 'roster') });
  const run = async (fn: () => Promise<unknown>, after: () => void) => {
    setErrors({});
    setError(null);
    try { await fn(); after(); await refresh(); } catch (e) {
      setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
    }
  };
  const buttonText = useMemo(() => ({ prev: t('community.roster.prev'), next: t('community.roster.next'), today: t('community.roster.today'), week: t('community.roster.week'), list: t('community.roster.list') }), [t]);
  const onDates = useCallback((arg: DatesSetArg) => {
    const next = { from: arg.start.toISOString(), to: arg.end.toISOString() };
    setRange((prev) => (prev && prev.from === next.from && prev.to === next.to ? prev : next));
  }, []);
  const events: EventInput[] = useMemo(() => (cal.data?.events ?? []).map((e) => ({
    id: `${e.shiftId}-${e.start}`, start: e.start, end: e.end,
    title: `${e.duty === 'duty_editor' ? t('community.roster.cvd') : channelName(e.channelId)}: ${nameOf(e.coveredBy)}${e.coveredBy && e.coveredBy !== e.userId ? ` (${t('community.roster.for', { name: nameOf(e.userId) })})` : ''}`,
    backgroundColor: e.duty === 'duty_editor' ? '#7a1f5c' : e.coveredBy === null ? '#8a1c1c' : '#1c5d8a', borderColor: 'transparent', textColor: '#ffffff',
  })), [cal.data, members, channels.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('community.roster.title')}</Title>
        <Group gap="xs">
          {manage && <Button onClick={() => setShiftForm(NEW_SHIFT)}>{t('community.roster.addShift')}</Button>}
          {manage && <Button variant="light" onClick={() => setAbsenceForm({ userId: null, substituteId: null, from: '', to: '', note: '' })}>{t('community.roster.addAbsence')}</Button>}
        </Group>
      </Group>
      <Card withBorder>
        <Title order={2} size="h4">{t('community.roster.nowTitle')}</Title>
        {onDuty.data && (
          <Text mt={4}>
            {t('community.roster.nowCvd')}: <b>{onDuty.data.dutyEditorIds.map(nameOf).join(', ') || t('community.roster.nobody')}</b> · {t('community.roster.nowChannels')}: <b>{onDuty.data.userIds.map(nameOf).join(', ') || t('community.roster.nobody')}</b>
          </Text>
        )}
        <Text size="sm" c="dimmed" mt={4}>{t('community.roster.icalHint')} <Anchor component={Link} to="/profile">{t('community.roster.icalLink')}</Anchor></Text>
      </Card>
      {shifts.data && shifts.data.length === 0 && <Alert color="blue">{t('community.roster.empty')}</Alert>}
      {cal.error && <ErrorAlert error={cal.error} />}
      <div className="community-calendar">
        <FullCalendar
          plugins={PLUGINS} initialView="timeGridWeek" locales={LOCALES} locale={lang === 'de' ? 'de' : 'en-gb'}
          headerToolbar={TOOLBAR} buttonIcons={false} buttonText={buttonText}
          height="auto" slotMinTime="06:00:00" slotMaxTime="22:00:00" allDaySlot={false} nowIndicator events={events}
          datesSet={onDates}
        />
      </div>
      <Card withBorder>
        <Title order={2} size="h4">{t('community.roster.absencesTitle')}</Title>
        {(cal.data?.absences ?? []).length === 0 && <Text size="sm" c="dimmed">{t('community.roster.noAbsences')}</Text>}
        {(cal.data?.absences ?? []).map((a) => (
          <Group key={a.id} justify="space-between" mt={4}>
            <Text size="sm">{nameOf(a.userId)}: {new Date(a.startsAt).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB')} – {new Date(a.endsAt).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB')} · {t('community.roster.substitute')}: {a.substituteId ? nameOf(a.substituteId) : t('community.roster.nobody')} {a.note && <Badge variant="light" ml="xs">{a.note}</Badge>}</Text>
            {manage && <Button size="xs" variant="subtle" color="red" onClick={() => void run(() => del(`/workspaces/${ws.id}/roster/absences/${a.id}`), () => undefined)}>{t('community.delete')}</Button>}
          </Group>
        ))}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('community.roster.rulesTitle')}</Title>
        {(shifts.data ?? []).map((s) => (
          <Group key={s.id} justify="space-between" mt={4}>
            <Text size="sm">{s.duty === 'duty_editor' ? t('community.roster.cvd') : channelName(s.channelId)} · {nameOf(s.userId)} · {s.recurrence === 'weekly' ? `${t(`community.weekday.${s.weekday}`)} ${s.startTime}–${s.endTime}` : `${fmt(s.startsAt!)} – ${fmt(s.endsAt!)}`}</Text>
            {manage && (
              <Group gap={4}>
                <Button size="xs" variant="subtle" onClick={() => setShiftForm(formOf(s))}>{t('community.edit')}</Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => void run(() => del(`/workspaces/${ws.id}/roster/shifts/${s.id}`), () => undefined)}>{t('community.delete')}</Button>
              </Group>
            )}
          </Group>
        ))}
      </Card>

      <Modal closeButtonProps={{ 'aria-label': t('community.close') }} opened={shiftForm !== null} onClose={() => setShiftForm(null)} title={shiftForm?.id ? t('community.roster.editShift') : t('community.roster.addShift')}>
        {shiftForm && (
          <Stack>
            <Select label={t('community.roster.duty')} value={shiftForm.duty} onChange={(v) => setShiftForm({ ...shiftForm, duty: (v ?? 'channel') as ShiftForm['duty'] })} data={[{ value: 'channel', label: t('community.roster.dutyChannel') }, { value: 'duty_editor', label: t('community.roster.cvd') }]} />
            {shiftForm.duty === 'channel' && <Select label={t('community.roster.channel')} clearable placeholder={t('community.roster.allChannels')} value={shiftForm.channelId} onChange={(v) => setShiftForm({ ...shiftForm, channelId: v })} data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))} error={errors.channelId} />}
            <Select label={t('community.roster.person')} required value={shiftForm.userId} onChange={(v) => setShiftForm({ ...shiftForm, userId: v })} data={memberOptions} error={errors.userId} searchable />
            <SegmentedControl value={shiftForm.recurrence} onChange={(v) => setShiftForm({ ...shiftForm, recurrence: v as ShiftForm['recurrence'] })} aria-label={t('community.roster.recurrence')}
              data={[{ value: 'weekly', label: t('community.roster.weekly') }, { value: 'once', label: t('community.roster.once') }]} />
            {shiftForm.recurrence === 'once' ? (
              <SimpleGrid cols={2}>
                <TextInput type="datetime-local" label={t('community.roster.startsAt')} required value={shiftForm.startsAt} onChange={(e) => setShiftForm({ ...shiftForm, startsAt: e.currentTarget.value })} error={errors.startsAt} />
                <TextInput type="datetime-local" label={t('community.roster.endsAt')} required value={shiftForm.endsAt} onChange={(e) => setShiftForm({ ...shiftForm, endsAt: e.currentTarget.value })} error={errors.endsAt} />
              </SimpleGrid>
            ) : (<>
            <SimpleGrid cols={3}>
              <Select label={t('community.roster.weekday')} value={shiftForm.weekday} onChange={(v) => setShiftForm({ ...shiftForm, weekday: v ?? '1' })} data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`community.weekday.${d}`) }))} error={errors.weekday} />
              <TextInput type="time" label={t('community.roster.start')} value={shiftForm.startTime} onChange={(e) => setShiftForm({ ...shiftForm, startTime: e.currentTarget.value })} error={errors.startTime} />
              <TextInput type="time" label={t('community.roster.end')} value={shiftForm.endTime} onChange={(e) => setShiftForm({ ...shiftForm, endTime: e.currentTarget.value })} error={errors.endTime} />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <TextInput type="date" label={t('community.roster.validFrom')} value={shiftForm.validFrom} onChange={(e) => setShiftForm({ ...shiftForm, validFrom: e.currentTarget.value })} error={errors.validFrom} />
              <TextInput type="date" label={t('community.roster.validUntil')} value={shiftForm.validUntil} onChange={(e) => setShiftForm({ ...shiftForm, validUntil: e.currentTarget.value })} error={errors.validUntil} />
            </SimpleGrid>
            </>)}
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end"><Button onClick={() => void run(() => {
              const f = shiftForm;
              const body = {
                duty: f.duty, channelId: f.duty === 'channel' ? f.channelId : null, userId: f.userId ?? undefined, recurrence: f.recurrence,
                ...(f.recurrence === 'weekly'
                  ? { weekday: Number(f.weekday), startTime: f.startTime, endTime: f.endTime, validFrom: f.validFrom || null, validUntil: f.validUntil || null }
                  : { startsAt: f.startsAt ? new Date(f.startsAt).toISOString() : null, endsAt: f.endsAt ? new Date(f.endsAt).toISOString() : null }),
              };
              return f.id ? put(`/workspaces/${ws.id}/roster/shifts/${f.id}`, body) : post(`/workspaces/${ws.id}/roster/shifts`, body);
            }, () => setShiftForm(null))}>{t('community.save')}</Button></Group>
          </Stack>
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('community.close') }} opened={absenceForm !== null} onClose={() => setAbsenceForm(null)} title={t('community.roster.addAbsence')}>
        {absenceForm && (
          <Stack>
            <Select label={t('community.roster.person')} required value={absenceForm.userId} onChange={(v) => setAbsenceForm({ ...absenceForm, userId: v })} data={memberOptions} error={errors.userId} searchable />
            <Select label={t('community.roster.substitute')} clearable value={absenceForm.substituteId} onChange={(v) => setAbsenceForm({ ...absenceForm, substituteId: v })} data={memberOptions} error={errors.substituteId} searchable />
            <SimpleGrid cols={2}>
              <TextInput type="date" label={t('community.from')} required value={absenceForm.from} onChange={(e) => setAbsenceForm({ ...absenceForm, from: e.currentTarget.value })} error={errors.startsAt} />
              <TextInput type="date" label={t('community.roster.lastDay')} required value={absenceForm.to} onChange={(e) => setAbsenceForm({ ...absenceForm, to: e.currentTarget.value })} error={errors.endsAt} />
            </SimpleGrid>
            <TextInput label={t('community.roster.note')} description={t('community.roster.noteHelp')} value={absenceForm.note} onChange={(e) => setAbsenceForm({ ...absenceForm, note: e.currentTarget.value })} />
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end"><Button onClick={() => void run(() => {
              // Whole days in the browser's zone: from 00:00 of the first to 00:00 after the last day.
              const start = absenceForm.from ? new Date(`${absenceForm.from}T00:00`) : null;
              const end = absenceForm.to ? new Date(new Date(`${absenceForm.to}T00:00`).getTime() + 86_400_000) : null;
              return post(`/workspaces/${ws.id}/roster/absences`, { userId: absenceForm.userId ?? undefined, substituteId: absenceForm.substituteId, startsAt: start?.toISOString(), endsAt: end?.toISOString(), note: absenceForm.note || undefined });
            }, () => setAbsenceForm(null))}>{t('community.save')}</Button></Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
