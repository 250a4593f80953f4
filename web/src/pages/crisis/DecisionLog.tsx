import { Button, Card, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { crisisKeys, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** Who decided what, when and why (also in the audit trail), and the timeline of everything else. */
export function DecisionLog({ room, nameOf }: { room: CrisisRoom; nameOf: (id: string | null) => string | null }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const add = useMutation({
    mutationFn: () => post(`/workspaces/${ws.id}/crises/${room.crisis.id}/decisions`, { decision: decision.trim(), reason: reason.trim() }),
    onSuccess: async () => {
      setDecision('');
      setReason('');
      await qc.invalidateQueries({ queryKey: crisisKeys.room(ws.id, room.crisis.id) });
    },
  });
  const open = room.crisis.state === 'active' || room.crisis.state === 'proposed';
  const events = [...room.events].reverse();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="log-title">
      <Title order={2} size="h4" id="log-title" mb="xs">{t('crisis.log.title')}</Title>
      {can('crisis.decide') && open && (
        <Stack gap="xs" mb="md">
          <TextInput label={t('crisis.log.decision')} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} />
          <Textarea label={t('crisis.log.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} />
          <Button variant="default" onClick={() => add.mutate()} disabled={!decision.trim() || !reason.trim()} loading={add.isPending}>{t('crisis.log.add')}</Button>
          <CrisisError error={add.error} />
        </Stack>
      )}
      <Timeline bulletSize={14} lineWidth={2} aria-label={t('crisis.log.title')} style={{ maxHeight: 420, overflowY: 'auto' }} tabIndex={0}>
        {events.map((e) => (
          <Timeline.Item key={e.id} color={e.kind === 'decision' ? 'red' : 'gray'} title={<Text size="sm" fw={e.kind === 'decision' ? 700 : 500}>{t(`crisis.events.${e.kind}`, { defaultValue: e.kind })}: {e.summary}</Text>} data-testid={e.kind === 'decision' ? 'decision' : 'event'}>
            {e.reason && <Text size="sm">{t('crisis.log.why', { reason: e.reason })}</Text>}
            <Text size="xs" c="dimmed">{formatDateTime(e.at, lang)}{e.actorId ? ` · ${nameOf(e.actorId) ?? ''}` : ` · ${t('crisis.log.system')}`}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
