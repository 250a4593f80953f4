import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, Anchor, Button, Card, Group, List, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TARGET_STATES } from '../../../../common/schemas/publishing.ts';
import { get, patch } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { calendarKeys, postState, serverMessage, useChannels, type Post, type TargetState } from './calendar-api.ts';
import { StateBadge } from './StateBadge.tsx';
import { STATE_HEX } from './status-colors.ts';

/** The editorial plan: month, week and list views of the posts, filters, drag-and-drop rescheduling. */
export function PlanPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.plan.title'));
  const ws = useWorkspace();
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const channels = useChannels(ws.id);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [channelId, setChannelId] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<string | null>(null);
  const filter = { ...range, channelId, state };
  const posts = useQuery({
    queryKey: calendarKeys.posts(ws.id, filter),
    queryFn: () => get<{ items: Post[] }>(`/workspaces/${ws.id}/posts`, { from: range!.from, to: range!.to, channelId, state }).then((r) => r.items),
    enabled: range !== null,
    placeholderData: (prev) => prev,
  });
  // Posts without a time are not on the calendar; they are listed below it so none gets lost.
  const unscheduled = useQuery({
    queryKey: calendarKeys.posts(ws.id, { unscheduled: true, channelId, state }),
    queryFn: () => get<{ items: Post[] }>(`/workspaces/${ws.id}/posts`, { channelId, state }).then((r) => r.items.filter((p) => !p.scheduledAt)),
  });
  const userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const events = useMemo<EventInput[]>(() => (posts.data ?? []).filter((p) => p.scheduledAt).map((p) => {
    const s = postState(p);
    const locked = p.targets.some((x) => x.state === 'publishing' || x.state === 'published');
    return {
      id: p.id, title: p.text.slice(0, 80) || t('calendar.plan.untitled'), start: p.scheduledAt!, url: `/calendar/posts/${p.id}`,
      backgroundColor: STATE_HEX[s], borderColor: STATE_HEX[s], textColor: '#ffffff', editable: can('posts.write') && !locked,
      extendedProps: { state: s },
    };
  }), [posts.data, can, t]);

  const onDrop = async (info: EventDropArg) => {
    setMoveError(null);
    try {
      await patch(`/workspaces/${ws.id}/posts/${info.event.id}`, { schedule: { at: info.event.start!.toISOString() } });
      notifications.show({ color: 'teal', message: t('calendar.plan.moved'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
    } catch (e) {
      info.revert();
      setMoveError(serverMessage(e) ?? t('calendar.plan.moveFailed'));
    }
  };
  const onClick = (info: EventClickArg) => {
    info.jsEvent.preventDefault();
    void navigate(`/calendar/posts/${info.event.id}`);
  };
  const onDates = (arg: DatesSetArg) => {
    const next = { from: arg.start.toISOString(), to: arg.end.toISOString() };
    setRange((r) => (r && r.from === next.from && r.to === next.to ? r : next));
  };
  const renderEvent = (arg: EventContentArg) => (
    <span className="resonanz-event">
      <b>{arg.timeText}</b> {t(`calendar.state.${arg.event.extendedProps.state as TargetState}`)}: {arg.event.title}
    </span>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('calendar.plan.title')}</Title>
          <Text c="dimmed" mt={4}>{t('calendar.plan.subtitle', { zone: userZone, wsZone: ws.timezone })}</Text>
        </div>
        <Group>
          {can('channels.manage') && <Button component={Link} to="/calendar/channels" variant="default">{t('calendar.channels.title')}</Button>}
          {can('posts.write') && <Button component={Link} to="/calendar/new" leftSection={<IconPlus size={16} aria-hidden />}>{t('calendar.plan.newPost')}</Button>}
        </Group>
      </Group>
      <Group align="flex-end">
        <Select label={t('calendar.plan.filterChannel')} placeholder={t('calendar.plan.all')} clearable data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))} value={channelId} onChange={setChannelId} w={260} />
        <Select label={t('calendar.plan.filterState')} placeholder={t('calendar.plan.all')} clearable data={TARGET_STATES.map((s) => ({ value: s, label: t(`calendar.state.${s}`) }))} value={state} onChange={setState} w={220} />
      </Group>
      <Group gap={6} aria-label={t('calendar.plan.legend')} role="group">
        {TARGET_STATES.map((s) => <StateBadge key={s} state={s} />)}
      </Group>
      <ErrorAlert error={posts.error ?? channels.error} />
      {moveError && <Alert color="red" variant="light" role="alert" title={t('calendar.plan.moveFailed')} withCloseButton closeButtonLabel={t('calendar.close')} onClose={() => setMoveError(null)}>{moveError}</Alert>}
      {posts.data && posts.data.length === 0 && (
        <Text c="dimmed">{t(can('posts.write') ? 'calendar.plan.emptyWriter' : 'calendar.plan.empty')}</Text>
      )}
      <Card withBorder padding="md" className="resonanz-calendar">
        <FullCalendar
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
          initialView="dayGridMonth"
          locales={[deLocale, enGbLocale]}
          locale={lang === 'en' ? 'en-gb' : 'de'}
          timeZone="local"
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' }}
          buttonIcons={false}
          buttonText={{ prev: t('calendar.plan.prev'), next: t('calendar.plan.next'), listMonth: t('calendar.plan.list') }}
          dayCellDidMount={(arg) => arg.el.removeAttribute('aria-labelledby')}
          height="auto"
          events={events}
          eventContent={renderEvent}
          eventDrop={(i) => void onDrop(i)}
          eventClick={onClick}
          datesSet={onDates}
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          eventDisplay="block"
          dayMaxEvents={4}
          nowIndicator
        />
      </Card>
      {unscheduled.data && unscheduled.data.length > 0 && (
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">{t('calendar.plan.unscheduled')}</Title>
          <List spacing="xs">
            {unscheduled.data.map((p) => (
              <List.Item key={p.id}>
                <Group gap="xs" wrap="nowrap">
                  <StateBadge state={postState(p)} />
                  <Anchor component={Link} to={`/calendar/posts/${p.id}`} size="sm" lineClamp={1}>{p.text || t('calendar.plan.untitled')}</Anchor>
                </Group>
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}
