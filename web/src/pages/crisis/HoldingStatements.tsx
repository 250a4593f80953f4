import { Badge, Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../../api/client.ts';
import { useCan, useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import { crisisKeys, type HoldingStatement, type Playbook } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

const STATUS_COLOR = { draft: 'gray', in_review: 'orange', approved: 'teal' } as const;

/**
 * Holding statements of a playbook: written in advance (German/English, du/Sie), counted per network
 * and approved through the approval chain (never by their author). Only an approved, unchanged
 * statement can be used in a crisis without a new approval.
 */
export function HoldingStatements({ playbook, nameOf }: { playbook: Playbook; nameOf: (id: string | null) => string | null }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const base = `/workspaces/${ws.id}/crisis/playbooks/${playbook.id}/holding-statements`;
  const refresh = () => qc.invalidateQueries({ queryKey: crisisKeys.playbooks(ws.id) });
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<'de' | 'en'>('de');
  const [register, setRegister] = useState<'du' | 'sie'>('sie');
  const [text, setText] = useState('');
  const create = useMutation({
    mutationFn: () => post(base, { title: title.trim(), language, register, text: text.trim() }),
    onSuccess: async () => {
      setTitle('');
      setText('');
      await refresh();
    },
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="holding-title">
      <Title order={2} size="h4" id="holding-title">{t('crisis.holding.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('crisis.holding.help')}</Text>
      <Stack gap="sm">
        {playbook.holdingStatements.length === 0 && <Text size="sm" c="dimmed">{t('crisis.holding.none')}</Text>}
        {playbook.holdingStatements.map((h) => <HoldingCard key={h.id} h={h} base={base} nameOf={nameOf} onChange={refresh} />)}
        {can('crisis.prepare') && (
          <Card withBorder padding="sm">
            <Title order={3} size="h5" mb="xs">{t('crisis.holding.new')}</Title>
            <Stack gap="xs">
              <TextInput label={t('crisis.holding.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
              <Group>
                <Select label={t('crisis.playbook.language')} data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} value={language} onChange={(v) => setLanguage((v ?? 'de') as 'de' | 'en')} allowDeselect={false} w={140} comboboxProps={{ withinPortal: true }} />
                <div>
                  <Text size="sm" fw={500} id="register-label" mb={4}>{t('crisis.holding.register')}</Text>
                  <SegmentedControl aria-labelledby="register-label" value={register} onChange={(v) => setRegister(v as 'du' | 'sie')} data={[{ value: 'sie', label: 'Sie' }, { value: 'du', label: 'du' }]} />
                </div>
              </Group>
              <Textarea label={t('crisis.holding.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
              <CrisisError error={create.error} />
              <Button variant="default" onClick={() => create.mutate()} disabled={!title.trim() || !text.trim()} loading={create.isPending} style={{ alignSelf: 'flex-start' }}>{t('crisis.holding.add')}</Button>
            </Stack>
          </Card>
        )}
      </Stack>
    </Card>
  );
}

function HoldingCard({ h, base, nameOf, onChange }: { h: HoldingStatement; base: string; nameOf: (id: string | null) => string | null; onChange: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const can = useCan();
  const { me } = useWorkspaceState();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(h.text);
  const [bluesky, setBluesky] = useState(h.variants.bluesky ?? '');
  const act = useMutation({
    mutationFn: async (kind: 'submit' | 'approve' | 'changes' | 'save' | 'delete') => {
      if (kind === 'submit') return post(`${base}/${h.id}/submit`);
      if (kind === 'approve') return post(`${base}/${h.id}/decision`, { decision: 'approved' });
      if (kind === 'changes') return post(`${base}/${h.id}/decision`, { decision: 'changes_requested' });
      if (kind === 'delete') return del(`${base}/${h.id}`);
      return patch(`${base}/${h.id}`, { text: text.trim(), variants: bluesky.trim() ? { bluesky: bluesky.trim() } : {} });
    },
    onSuccess: async (_r, kind) => {
      if (kind === 'save') setEditing(false);
      await onChange();
    },
  });
  const waitingForMe = h.status === 'in_review' && h.approval.steps.some((s) => !s.satisfied && s.waitingFor.includes(me.user.id));
  return (
    <Card withBorder padding="sm" data-testid="holding-statement">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fw={600} size="sm">{h.title}</Text>
          <Text size="xs" c="dimmed">{h.language === 'de' ? 'Deutsch' : 'English'} · {h.register === 'du' ? 'du' : 'Sie'} · v{h.version}</Text>
        </div>
        <Badge color={STATUS_COLOR[h.status]} variant="light" data-testid="holding-status">{t(`crisis.holding.status.${h.status}`)}{h.usable ? ` · ${t('crisis.holding.usable')}` : ''}</Badge>
      </Group>
      {editing ? (
        <Stack gap="xs" mt="xs">
          <Textarea label={t('crisis.holding.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
          <Textarea label={t('crisis.holding.blueskyVariant')} description={t('crisis.holding.variantHelp')} value={bluesky} onChange={(e) => setBluesky(e.currentTarget.value)} autosize minRows={2} />
          <Group><Button size="xs" onClick={() => act.mutate('save')} loading={act.isPending}>{t('crisis.holding.save')}</Button><Button size="xs" variant="default" onClick={() => setEditing(false)}>{t('crisis.holding.cancel')}</Button></Group>
        </Stack>
      ) : <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>{h.text}</Text>}
      <Group gap="xs" mt="xs">
        {h.lengths.map((l) => <Badge key={l.network} size="sm" color={l.ok ? 'gray' : 'red'} variant="light" tt="none">{t('crisis.holding.length', { network: l.network, count: l.count, max: l.max })}</Badge>)}
      </Group>
      {h.approval.steps.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {h.approval.steps.map((s, i) => `${i + 1}. ${s.name}: ${s.satisfied ? t('crisis.holding.stepBy', { names: s.approvedBy.map((u) => nameOf(u) ?? '?').join(', ') }) : t('crisis.holding.stepOpen')}`).join(' · ')}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        {can('crisis.prepare') && !editing && <Button size="xs" variant="default" onClick={() => setEditing(true)}>{t('crisis.holding.edit')}</Button>}
        {can('crisis.prepare') && h.status === 'draft' && <Button size="xs" onClick={() => act.mutate('submit')} loading={act.isPending && act.variables === 'submit'}>{t('crisis.holding.submit')}</Button>}
        {waitingForMe && <Button size="xs" color="teal.8" onClick={() => act.mutate('approve')} loading={act.isPending && act.variables === 'approve'}>{t('crisis.holding.approve')}</Button>}
        {waitingForMe && <Button size="xs" variant="default" onClick={() => act.mutate('changes')}>{t('crisis.holding.requestChanges')}</Button>}
        {can('crisis.prepare') && <Button size="xs" variant="default" onClick={() => act.mutate('delete')} aria-label={t('crisis.holding.delete', { title: h.title })}>{t('crisis.holding.deleteShort')}</Button>}
      </Group>
      <CrisisError error={act.error} />
    </Card>
  );
}
