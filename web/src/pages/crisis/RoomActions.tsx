import { Button, Card, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { crisisKeys, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** The decisions on the crisis itself: confirm or dismiss a proposal; end the crisis (or drill) explicitly. */
export function RoomActions({ room }: { room: CrisisRoom }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const c = room.crisis;
  const [reason, setReason] = useState('');
  const [heldBack, setHeldBack] = useState<'review' | 'publish_all' | 'cancel_all'>('review');
  const path = `/workspaces/${ws.id}/${c.drill ? 'drills' : 'crises'}/${c.id}`;
  const act = useMutation({
    mutationFn: (kind: 'confirm' | 'dismiss' | 'end') => post(`${kind === 'end' ? path : `/workspaces/${ws.id}/crises/${c.id}`}/${kind}`,
      kind === 'end' ? (c.drill ? { summary: reason.trim() } : { summary: reason.trim(), heldBack }) : { reason: reason.trim() }),
    onSuccess: async () => {
      setReason('');
      await qc.invalidateQueries({ queryKey: crisisKeys.all(ws.id) });
    },
  });
  if (c.state === 'proposed' && can('crisis.decide')) {
    return (
      <Card withBorder padding="lg" component="section" aria-labelledby="proposal-title" data-testid="proposal-panel">
        <Title order={2} size="h4" id="proposal-title">{t('crisis.proposal.title')}</Title>
        <Text size="sm" mt={4} mb="sm">{t('crisis.proposal.text')}</Text>
        <Stack gap="xs">
          <Textarea label={t('crisis.proposal.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
          <Group>
            <Button color="red.9" onClick={() => act.mutate('confirm')} disabled={!reason.trim()} loading={act.isPending && act.variables === 'confirm'}>{t('crisis.proposal.confirm')}</Button>
            <Button variant="default" onClick={() => act.mutate('dismiss')} disabled={!reason.trim()} loading={act.isPending && act.variables === 'dismiss'}>{t('crisis.proposal.dismiss')}</Button>
          </Group>
          <CrisisError error={act.error} />
        </Stack>
      </Card>
    );
  }
  if (c.state !== 'active' || !(c.drill ? can('crisis.prepare') : can('crisis.decide'))) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="end-title">
      <Title order={2} size="h4" id="end-title">{t(c.drill ? 'crisis.end.drillTitle' : 'crisis.end.title')}</Title>
      <Text size="sm" mt={4} mb="sm">{t(c.drill ? 'crisis.end.drillText' : 'crisis.end.text')}</Text>
      <Stack gap="xs">
        <Textarea label={t('crisis.end.summary')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        {!c.drill && (
          <Radio.Group label={t('crisis.end.heldBack')} value={heldBack} onChange={(v) => setHeldBack(v as typeof heldBack)}>
            <Stack gap={4} mt={4}>
              <Radio value="review" label={t('crisis.end.review')} />
              <Radio value="publish_all" label={t('crisis.end.publishAll')} />
              <Radio value="cancel_all" label={t('crisis.end.cancelAll')} />
            </Stack>
          </Radio.Group>
        )}
        <Button variant="default" onClick={() => act.mutate('end')} disabled={!reason.trim()} loading={act.isPending} style={{ alignSelf: 'flex-start' }}>{t(c.drill ? 'crisis.end.drillButton' : 'crisis.end.button')}</Button>
        <CrisisError error={act.error} />
      </Stack>
    </Card>
  );
}
