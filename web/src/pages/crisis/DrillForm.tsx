import { Button, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { crisisKeys, type CrisisSummary, type Playbook } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** Starts a drill: a simulated crisis in the sandbox, never published. */
export function DrillForm({ playbooks, onDone }: { playbooks: Playbook[]; onDone: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [playbookId, setPlaybookId] = useState<string | null>(playbooks[0]?.id ?? null);
  const [minutes, setMinutes] = useState<number | string>(30);
  const go = useMutation({
    mutationFn: () => post<CrisisSummary>(`/workspaces/${ws.id}/drills`, { playbookId, durationMinutes: Number(minutes) }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: crisisKeys.all(ws.id) });
      onDone();
      await navigate(`/crisis/${c.id}`);
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('crisis.drill.explain')}</Text>
      <Select label={t('crisis.declare.playbook')} data={playbooks.map((p) => ({ value: p.id, label: p.name }))} value={playbookId} onChange={setPlaybookId} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
      <NumberInput label={t('crisis.drill.minutes')} min={5} max={240} value={minutes} onChange={setMinutes} />
      <CrisisError error={go.error} />
      <Button onClick={() => go.mutate()} loading={go.isPending} disabled={!playbookId}>{t('crisis.drill.go')}</Button>
    </Stack>
  );
}
