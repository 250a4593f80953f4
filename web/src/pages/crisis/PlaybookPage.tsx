import { ActionIcon, Anchor, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, patch } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMembers } from '../strategy/use-members.ts';
import { crisisKeys, useListeningQueries, type Playbook, type PlaybookContent, type PlaybookVersion } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';
import { HoldingStatements } from './HoldingStatements.tsx';

type MemberRef = PlaybookContent['team'][number]['member'];
const DUTY = '__duty_editor__';
const refValue = (r: MemberRef) => (r.kind === 'duty_editor' ? DUTY : r.userId);
const refOf = (v: string | null): MemberRef => (!v || v === DUTY ? { kind: 'duty_editor' } : { kind: 'user', userId: v });

/** One playbook: levels with triggers, crisis team and contact chain, tasks, FAQ, holding statements; versioned. */
export function PlaybookPage() {
  const { t } = useTranslation();
  const { playbookId = '' } = useParams();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const { members, nameOf } = useMembers();
  const queries = useListeningQueries();
  const pb = useQuery({ queryKey: [...crisisKeys.playbooks(ws.id), playbookId], queryFn: () => get<Playbook>(`/workspaces/${ws.id}/crisis/playbooks/${playbookId}`) });
  const versions = useQuery({ queryKey: [...crisisKeys.playbooks(ws.id), playbookId, 'versions'], queryFn: () => get<{ items: PlaybookVersion[] }>(`/workspaces/${ws.id}/crisis/playbooks/${playbookId}/versions`) });
  const [name, setName] = useState('');
  const [c, setC] = useState<PlaybookContent | null>(null);
  useEffect(() => {
    if (pb.data) {
      setName(pb.data.name);
      setC(pb.data.content);
    }
  }, [pb.data]);
  usePageTitle(`${pb.data?.name ?? t('crisis.playbooks.title')} – ${t('nav.crisis')}`);
  const save = useMutation({
    mutationFn: (extra: { archived?: boolean } = {}) => patch<Playbook>(`/workspaces/${ws.id}/crisis/playbooks/${playbookId}`, { name: name.trim(), content: c, version: pb.data!.version, ...extra }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('crisis.playbook.saved') });
      await qc.invalidateQueries({ queryKey: crisisKeys.playbooks(ws.id) });
    },
  });
  if (!pb.data || !c) return pb.error ? <ErrorAlert error={pb.error} /> : <Text role="status">{t('common.loading')}</Text>;
  const edit = can('crisis.prepare');
  const up = (patchC: Partial<PlaybookContent>) => setC({ ...c, ...patchC });
  const memberOptions = [{ value: DUTY, label: t('crisis.playbook.dutyEditor') }, ...members.map((m) => ({ value: m.userId, label: m.name }))];
  const plainMembers = members.map((m) => ({ value: m.userId, label: m.name }));
  const queryOptions = (queries.data?.items ?? []).map((q) => ({ value: q.id, label: q.name }));

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/crisis/playbooks" size="sm">{t('crisis.playbooks.back')}</Anchor>
        <Title order={1} mt={4}>{t('crisis.playbook.title', { name: pb.data.name })}</Title>
        <Text c="dimmed" mt={4}>{t(`crisis.scenario.${pb.data.scenario}`)} · v{pb.data.version}</Text>
      </div>

      <Card withBorder padding="lg" component="section" aria-labelledby="pb-basics">
        <Title order={2} size="h4" id="pb-basics" mb="xs">{t('crisis.playbook.basics')}</Title>
        <Stack gap="xs">
          <TextInput label={t('crisis.playbooks.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} disabled={!edit} />
          <Textarea label={t('crisis.playbook.description')} value={c.description} onChange={(e) => up({ description: e.currentTarget.value })} autosize minRows={2} disabled={!edit} />
          <Select label={t('crisis.playbook.query')} description={t('crisis.playbook.queryHelp')} data={queryOptions} value={c.queryId} onChange={(v) => up({ queryId: v })} clearable disabled={!edit} comboboxProps={{ withinPortal: true }} />
          <Group grow>
            <NumberInput label={t('crisis.playbook.slaFirst')} min={1} value={c.sla.firstResponseMinutes} onChange={(v) => up({ sla: { ...c.sla, firstResponseMinutes: Number(v) || 1 } })} disabled={!edit} />
            <NumberInput label={t('crisis.playbook.slaResolve')} min={1} value={c.sla.resolutionMinutes} onChange={(v) => up({ sla: { ...c.sla, resolutionMinutes: Number(v) || 1 } })} disabled={!edit} />
          </Group>
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="pb-levels">
        <Title order={2} size="h4" id="pb-levels" mb="xs">{t('crisis.playbook.levels')}</Title>
        <Stack gap="md">
          {c.levels.map((l, i) => {
            const setLevel = (next: Partial<typeof l>) => up({ levels: c.levels.map((x, j) => (j === i ? { ...x, ...next } : x)) });
            const spike = l.triggers.find((x) => x.kind === 'listening_spike');
            return (
              <Stack key={l.level} gap={6} data-testid="level">
                <TextInput label={t('crisis.playbook.levelName', { level: l.level })} value={l.name} onChange={(e) => setLevel({ name: e.currentTarget.value })} disabled={!edit} />
                <Group align="flex-end" grow>
                  <Select label={t('crisis.playbook.trigger', { level: l.level })} placeholder={t('crisis.playbook.manualOnly')} data={queryOptions} clearable disabled={!edit} comboboxProps={{ withinPortal: true }}
                    value={spike && spike.kind === 'listening_spike' ? spike.queryId : null}
                    onChange={(v) => setLevel({ triggers: [...l.triggers.filter((x) => x.kind !== 'listening_spike'), ...(v ? [{ kind: 'listening_spike' as const, queryId: v, alertKinds: ['volume', 'negative_share'] as ('volume' | 'negative_share')[], minScore: 0 }] : [])] })} />
                  <NumberInput label={t('crisis.playbook.inboxVolume', { level: l.level })} min={0} disabled={!edit}
                    value={(l.triggers.find((x) => x.kind === 'inbox_volume') as { perHour: number } | undefined)?.perHour ?? ''}
                    onChange={(v) => setLevel({ triggers: [...l.triggers.filter((x) => x.kind !== 'inbox_volume'), ...(Number(v) > 0 ? [{ kind: 'inbox_volume' as const, perHour: Number(v) }] : [])] })} />
                </Group>
              </Stack>
            );
          })}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="pb-team">
        <Title order={2} size="h4" id="pb-team">{t('crisis.playbook.team')}</Title>
        <Text size="sm" c="dimmed" mb="xs">{t('crisis.playbook.teamHelp')}</Text>
        <Stack gap="sm">
          {c.team.map((e, i) => {
            const setE = (next: Partial<typeof e>) => up({ team: c.team.map((x, j) => (j === i ? { ...x, ...next } : x)) });
            return (
              <Group key={i} align="flex-end" wrap="wrap" data-testid="team-entry">
                <TextInput label={t('crisis.playbook.function')} value={e.label} onChange={(ev) => setE({ label: ev.currentTarget.value })} disabled={!edit} w={200} />
                <Select label={t('crisis.playbook.member')} data={memberOptions} value={refValue(e.member)} onChange={(v) => setE({ member: refOf(v) })} allowDeselect={false} disabled={!edit} w={220} comboboxProps={{ withinPortal: true }} />
                <Select label={t('crisis.playbook.substitute')} data={plainMembers} value={e.substituteUserId} onChange={(v) => setE({ substituteUserId: v })} clearable disabled={!edit} w={200} comboboxProps={{ withinPortal: true }} />
                <NumberInput label={t('crisis.playbook.escalate')} min={1} value={e.escalateAfterMinutes} onChange={(v) => setE({ escalateAfterMinutes: Number(v) || 1 })} disabled={!edit} w={170} />
                {edit && <ActionIcon variant="default" size="lg" aria-label={t('crisis.playbook.remove', { what: e.label })} onClick={() => up({ team: c.team.filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>}
              </Group>
            );
          })}
          {edit && <Button variant="default" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => up({ team: [...c.team, { label: t('crisis.playbook.newFunction'), member: { kind: 'duty_editor' }, substituteUserId: null, escalateAfterMinutes: 15 }] })}>{t('crisis.playbook.addMember')}</Button>}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="pb-tasks">
        <Title order={2} size="h4" id="pb-tasks" mb="xs">{t('crisis.playbook.tasks')}</Title>
        <Stack gap="sm">
          {c.tasks.map((task, i) => {
            const setT = (next: Partial<typeof task>) => up({ tasks: c.tasks.map((x, j) => (j === i ? { ...x, ...next } : x)) });
            return (
              <Group key={i} align="flex-end" wrap="wrap">
                <TextInput label={t('crisis.playbook.task')} value={task.title} onChange={(ev) => setT({ title: ev.currentTarget.value })} disabled={!edit} style={{ flex: 1, minWidth: 240 }} />
                <Select label={t('crisis.playbook.owner')} data={memberOptions} value={refValue(task.owner)} onChange={(v) => setT({ owner: refOf(v) })} allowDeselect={false} disabled={!edit} w={220} comboboxProps={{ withinPortal: true }} />
                <NumberInput label={t('crisis.playbook.dueMinutes')} min={1} value={task.dueMinutes} onChange={(v) => setT({ dueMinutes: Number(v) || 1 })} disabled={!edit} w={210} />
                {edit && <ActionIcon variant="default" size="lg" aria-label={t('crisis.playbook.remove', { what: task.title })} onClick={() => up({ tasks: c.tasks.filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>}
              </Group>
            );
          })}
          {edit && <Button variant="default" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => up({ tasks: [...c.tasks, { title: t('crisis.playbook.newTask'), owner: { kind: 'duty_editor' }, dueMinutes: 30 }] })}>{t('crisis.playbook.addTask')}</Button>}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="pb-faq">
        <Title order={2} size="h4" id="pb-faq" mb="xs">{t('crisis.playbook.faq')}</Title>
        <Stack gap="sm">
          {c.faq.map((f, i) => {
            const setF = (next: Partial<typeof f>) => up({ faq: c.faq.map((x, j) => (j === i ? { ...x, ...next } : x)) });
            return (
              <Group key={i} align="flex-end" wrap="wrap">
                <TextInput label={t('crisis.playbook.question')} value={f.question} onChange={(ev) => setF({ question: ev.currentTarget.value })} disabled={!edit} style={{ flex: 1, minWidth: 220 }} />
                <TextInput label={t('crisis.playbook.answer')} value={f.answer} onChange={(ev) => setF({ answer: ev.currentTarget.value })} disabled={!edit} style={{ flex: 2, minWidth: 260 }} />
                <Select label={t('crisis.playbook.language')} data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} value={f.language} onChange={(v) => setF({ language: (v ?? 'de') as 'de' | 'en' })} allowDeselect={false} disabled={!edit} w={130} comboboxProps={{ withinPortal: true }} />
                {edit && <ActionIcon variant="default" size="lg" aria-label={t('crisis.playbook.remove', { what: f.question })} onClick={() => up({ faq: c.faq.filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>}
              </Group>
            );
          })}
          {edit && <Button variant="default" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => up({ faq: [...c.faq, { question: t('crisis.playbook.newQuestion'), answer: '…', language: lang }] })}>{t('crisis.playbook.addFaq')}</Button>}
        </Stack>
      </Card>

      {edit && (
        <Group>
          <Button onClick={() => save.mutate({})} loading={save.isPending}>{t('crisis.playbook.save')}</Button>
          <Switch label={t('crisis.playbooks.archived')} checked={pb.data.archived} onChange={(e) => save.mutate({ archived: e.currentTarget.checked })} />
        </Group>
      )}
      <CrisisError error={save.error} />

      <HoldingStatements playbook={pb.data} nameOf={nameOf} />

      <Card withBorder padding="lg" component="section" aria-labelledby="pb-versions">
        <Title order={2} size="h4" id="pb-versions" mb="xs">{t('crisis.playbook.versions')}</Title>
        <Stack gap={4}>
          {(versions.data?.items ?? []).map((v) => <Text key={v.version} size="sm">v{v.version} · {formatDateTime(v.createdAt, lang)} · {nameOf(v.editedBy) ?? '—'}</Text>)}
        </Stack>
      </Card>
    </Stack>
  );
}
