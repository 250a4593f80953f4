import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
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
import { calendarKeys, postState, serverMessage, useChannels, useMemberNames, type Post, type TargetState } from './calendar-api.ts';
import { NO_FILTER, PlanFilters, type PlanFilter } from './PlanFilters.tsx';
import { channelColour, entriesOf, planRange, type ColourBy } from './plan-view.ts';
import { StateBadge } from './StateBadge.tsx';

const COLOUR_KEY = 'resonanz.plan.colourBy';

/**
 * The editorial plan: the weeks around today (default, see planRange), month, week and list views, filters,
 * colour by status or channel, drag-and-drop rescheduling. Times show in the user's zone.
 */
export function PlanPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.plan.title'));
  const ws = useWorkspace();
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const channels = useChannels(ws.id);
  const names = useMemberNames(ws.id);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [filter, setFilter] = useState<PlanFilter>(NO_FILTER);
  const [colourBy, setColourByState] = useState<ColourBy>(() => (localStorage.getItem(COLOUR_KEY) === 'channel' ? 'channel' : 'state'));
  const setColourBy = (c: ColourBy) => { localStorage.setItem(COLOUR_KEY, c); setColourByState(c); };
  const [moveError, setMoveError] = useState<string | null>(null);
  const posts = useQuery({
    queryKey: calendarKeys.posts(ws.id, { ...range, ...filter }),
    queryFn: () => get<{ items: Post[] }>(`/workspaces/${ws.id}/posts`, { from: range!.from, to: range!.to, ...filter }).then((r) => r.items),
    enabled: range !== null,
    placeholderData: (prev) => prev,
  });
  // Posts without a time are not on the calendar; they are listed below it so none gets lost.
  const unscheduled = useQuery({
    queryKey: calendarKeys.posts(ws.id, { unscheduled: true, ...filter }),
    queryFn: () => get<{ items: Post[] }>(`/workspaces/${ws.id}/posts`, { ...filter }).then((r) => r.items.filter((p) => !p.scheduledAt)),
  });
  const userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const channelIds = useMemo(() => (channels.data ?? []).map((c) => c.id), [channels.data]);
  const channelName = (id: string | null) => (id ? channels.data?.find((c) => c.id === id)?.name ?? '' : '');

  const events = useMemo<EventInput[]>(() => (posts.data ?? []).filter((p) => p.scheduledAt).flatMap((p) => {
    const locked = p.targets.some((x) => x.state === 'publishing' || x.state === 'published');
    return entriesOf(p, postState(p), colourBy, channelIds, filter.channelId).map((e) => ({
      id: e.id, title: p.text.slice(0, 80) || t('calendar.plan.untitled'), start: p.scheduledAt!, url: `/calendar/posts/${p.id}`,
      backgroundColor: e.colour, borderColor: e.colour, textColor: '#ffffff', editable: can('posts.write') && !locked,
      extendedProps: { state: e.state, postId: p.id, channelId: e.channelId },
    }));
  }), [posts.data, can, t, colourBy, channelIds, filter.channelId]);

  const onDrop = async (info: EventDropArg) => {
    setMoveError(null);
    try {
      await patch(`/workspaces/${ws.id}/posts/${info.event.extendedProps.postId as string}`, { schedule: { at: info.event.start!.toISOString() } });
      notifications.show({ color: 'teal', message: t('calendar.plan.moved'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
    } catch (e) {
      info.revert();
      setMoveError(serverMessage(e) ?? t('calendar.plan.moveFailed'));
    }
  };
  const onClick = (info: EventClickArg) => {
    info.jsEvent.preventDefault();
    void navigate(`/calendar/posts/${info.event.extendedProps.postId as string}`);
  };
  const onDates = (arg: DatesSetArg) => {
    const next = { from: arg.start.toISOString(), to: arg.end.toISOString() };
    setRange((r) => (r && r.from === next.from && r.to === next.to ? r : next));
  };
  const renderEvent = (arg: EventContentArg) => {
    const ch = channelName(arg.event.extendedProps.channelId as string | null);
    return (
      <span className="resonanz-event">
        <b>{arg.timeText}</b> {t(`calendar.state.${arg.event.extendedProps.state as TargetState}`)}{ch ? ` · ${ch}` : ''}: {arg.event.title}
      </span>
    );
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('calendar.plan.title')}</Title>
          <Text c="dimmed" mt={4}>{t('calendar.plan.subtitle', { zone: userZone, wsZone: ws.timezone })}</Text>
        </div>
        <Group>
          <Button component={Link} to="/calendar/media" variant="default">{t('calendar.library.title')}</Button>
          {can('channels.manage') && <Button component={Link} to="/calendar/channels" variant="default">{t('calendar.channels.title')}</Button>}
          {can('posts.write') && <Button component={Link} to="/calendar/new" leftSection={<IconPlus size={16} aria-hidden />}>{t('calendar.plan.newPost')}</Button>}
        </Group>
      </Group>
      <PlanFilters workspaceId={ws.id} channels={channels.data ?? []} names={names} filter={filter} onFilter={setFilter} colourBy={colourBy} onColourBy={setColourBy} />
      <Group gap={6} aria-label={t(colourBy === 'state' ? 'calendar.plan.legend' : 'calendar.plan.legendChannels')} role="group" data-testid="plan-legend">
        {colourBy === 'state'
          ? TARGET_STATES.map((s) => <StateBadge key={s} state={s} />)
          : (channels.data ?? []).map((c) => <Badge key={c.id} tt="none" variant="filled" color={channelColour(channelIds, c.id)}>{c.name}</Badge>)}
      </Group>
      <ErrorAlert error={posts.error ?? channels.error} />
      {moveError && <Alert color="red" variant="light" role="alert" title={t('calendar.plan.moveFailed')} withCloseButton closeButtonLabel={t('calendar.close')} onClose={() => setMoveError(null)}>{moveError}</Alert>}
      {posts.data && posts.data.length === 0 && (
        <Text c="dimmed">{t(can('posts.write') ? 'calendar.plan.emptyWriter' : 'calendar.plan.empty')}</Text>
      )}
      <Card withBorder padding="md" className="resonanz-calendar">
        <FullCalendar
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
          views={{
            planCurrent: { type: 'dayGrid', visibleRange: (current: Date) => planRange(current), dateIncrement: { weeks: 1 }, buttonText: t('calendar.plan.current') },
            listTwoWeeks: { type: 'list', duration: { weeks: 2 }, dateIncrement: { weeks: 1 }, buttonText: t('calendar.plan.list') },
          }}
          initialView="planCurrent"
          locales={[deLocale, enGbLocale]}
          locale={lang === 'en' ? 'en-gb' : 'de'}
          timeZone="local"
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'planCurrent,dayGridMonth,timeGridWeek,listTwoWeeks' }}
          buttonIcons={false}
          buttonText={{ prev: t('calendar.plan.prev'), next: t('calendar.plan.next') }}
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
