import { Button, MultiSelect, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { crisisKeys, useWorkspaceChannels, type CrisisSummary, type Playbook } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** Declares crisis mode: playbook, level, scope (workspace or channels) and the reason for the decision log. */
export function DeclareForm({ playbooks, onDone }: { playbooks: Playbook[]; onDone: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const channels = useWorkspaceChannels();
  const [playbookId, setPlaybookId] = useState<string | null>(playbooks[0]?.id ?? null);
  const [severity, setSeverity] = useState('2');
  const [scope, setScope] = useState<'workspace' | 'channels'>('workspace');
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const levels = playbooks.find((p) => p.id === playbookId)?.content.levels ?? [];
  const go = useMutation({
    mutationFn: () => post<CrisisSummary>(`/workspaces/${ws.id}/crises`, { playbookId, severity: Number(severity), scope, channelIds: scope === 'channels' ? channelIds : [], reason: reason.trim() }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: crisisKeys.all(ws.id) });
      onDone();
      await navigate(`/crisis/${c.id}`);
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('crisis.declare.explain')}</Text>
      <Select label={t('crisis.declare.playbook')} data={playbooks.map((p) => ({ value: p.id, label: p.name }))} value={playbookId} onChange={setPlaybookId} allowDeselect={false} required comboboxProps={{ withinPortal: true }} />
      <Select label={t('crisis.declare.level')} data={(levels.length ? levels : [1, 2, 3].map((level) => ({ level, name: '' }))).map((l) => ({ value: String(l.level), label: `${l.level}${l.name ? ` – ${l.name}` : ''}` }))} value={severity} onChange={(v) => setSeverity(v ?? '2')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      <div>
        <Text size="sm" fw={500} id="declare-scope" mb={4}>{t('crisis.declare.scope')}</Text>
        <SegmentedControl aria-labelledby="declare-scope" value={scope} onChange={(v) => setScope(v as 'workspace' | 'channels')} data={[{ value: 'workspace', label: t('crisis.declare.scopeWorkspace') }, { value: 'channels', label: t('crisis.declare.scopeChannels') }]} />
      </div>
      {scope === 'channels' && <MultiSelect label={t('crisis.declare.channels')} data={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={channelIds} onChange={setChannelIds} comboboxProps={{ withinPortal: true }} />}
      <Textarea label={t('crisis.declare.reason')} description={t('crisis.declare.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required />
      <CrisisError error={go.error} />
      <Button color="red.9" onClick={() => go.mutate()} loading={go.isPending} disabled={!playbookId || !reason.trim()}>{t('crisis.declare.confirm')}</Button>
    </Stack>
  );
}
