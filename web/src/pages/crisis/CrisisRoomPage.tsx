import { Alert, Anchor, Badge, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMembers } from '../strategy/use-members.ts';
import { ContactChain } from './ContactChain.tsx';
import { useRoom } from './crisis-api.ts';
import { DecisionLog } from './DecisionLog.tsx';
import { HeldBackPanel } from './HeldBackPanel.tsx';
import { RoomActions } from './RoomActions.tsx';
import { RoomFeed } from './RoomFeed.tsx';
import { RoomTimeline } from './RoomTimeline.tsx';
import { StatementPanel } from './StatementPanel.tsx';
import { TaskChecklist } from './TaskChecklist.tsx';

/** The crisis room: one page with everything the crisis team needs, live. */
export function CrisisRoomPage() {
  const { t } = useTranslation();
  const { crisisId = '' } = useParams();
  const ws = useWorkspace();
  const lang = currentLanguage();
  const room = useRoom(crisisId);
  const { nameOf } = useMembers();
  const c = room.data?.crisis;
  usePageTitle(c ? `${c.drill ? `${t('crisis.kind.drill')}: ` : ''}${c.title} – ${t('crisis.room.title')}` : t('crisis.room.title'));
  if (room.isPending) return <Group gap="xs" role="status"><Loader size="sm" /><Text size="sm">{t('common.loading')}</Text></Group>;
  if (!room.data || !c) return <ErrorAlert error={room.error} />;
  const r = room.data;
  const open = c.state === 'active';
  return (
    <Stack gap="lg">
      <div>
        <Group gap="xs">
          <Badge color={c.drill ? 'indigo' : c.state === 'active' ? 'red' : c.state === 'proposed' ? 'orange' : 'gray'} variant="light" data-testid="room-state">{t(`crisis.state.${c.state}`)}</Badge>
          {c.drill && <Badge color="indigo" variant="filled" leftSection={<IconSchool size={12} aria-hidden />}>{t('crisis.kind.drillLong')}</Badge>}
          <Badge color="gray" variant="light">{t('crisis.overview.level', { level: c.severity })}</Badge>
        </Group>
        <Title order={1} mt="xs">{t('crisis.room.title')}: {c.title}</Title>
        <Text c="dimmed" mt={4}>
          {r.playbook ? t('crisis.room.playbook', { name: r.playbook.name, version: r.playbook.version }) : ''}
          {c.confirmedAt ? ` · ${t('crisis.room.since', { at: formatDateTime(c.confirmedAt, lang) })}` : c.proposedAt ? ` · ${t('crisis.room.proposedAt', { at: formatDateTime(c.proposedAt, lang) })}` : ''}
          {c.endedAt ? ` · ${t('crisis.room.endedAt', { at: formatDateTime(c.endedAt, lang) })}` : ''}
        </Text>
      </div>
      {c.drill && <Alert color="indigo" variant="light" icon={<IconSchool aria-hidden />} title={t('crisis.room.drillTitle')}>{t('crisis.room.drillText')}</Alert>}
      {!c.drill && open && <Text size="sm" data-testid="pause-state">{t(c.scope === 'workspace' ? 'crisis.room.modeAll' : 'crisis.room.modeSome', { count: c.channelIds.length, ms: c.pauseEffectiveMs ?? 0 })}</Text>}
      {c.state === 'proposed' && <RoomActions room={r} />}
      {c.hasReport && (
        <Alert color="teal" variant="light" title={t(c.drill ? 'crisis.room.drillReport' : 'crisis.room.report')}>
          <Anchor href={`/api/v1/workspaces/${ws.id}/crises/${c.id}/report.pdf?lang=${lang}`} download data-testid="report-link">{t('crisis.room.downloadPdf')}</Anchor>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <RoomTimeline room={r} />
        <ContactChain room={r} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <TaskChecklist room={r} nameOf={nameOf} />
        <DecisionLog room={r} nameOf={nameOf} />
      </SimpleGrid>
      <StatementPanel room={r} />
      <RoomFeed room={r} />
      {!c.drill && <HeldBackPanel room={r} />}
      {c.state === 'active' && <RoomActions room={r} />}
      {r.playbook && r.playbook.faq.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="faq-title">
          <Title order={2} size="h4" id="faq-title">{t('crisis.room.faq')}</Title>
          {r.playbook.faq.filter((f) => f.language === lang).map((f) => (
            <details key={f.question}><summary><Text span fw={500}>{f.question}</Text></summary><Text size="sm" mt={4}>{f.answer}</Text></details>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
