import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconSchool, IconUrgent } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { crisisKeys, useCrisisState } from './crisis-api.ts';

/**
 * The banner on every page: crisis mode (everyone), a running drill and an open proposal (the crisis
 * team), with the member's own acknowledgement button. Live through `crisis.*` events.
 */
export function CrisisBanner() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const state = useCrisisState();
  const ack = useMutation({
    mutationFn: (crisisId: string) => post(`/workspaces/${ws.id}/crises/${crisisId}/acknowledge`),
    onSuccess: () => qc.invalidateQueries({ queryKey: crisisKeys.all(ws.id) }),
  });
  const s = state.data;
  if (!s) return null;
  const ackButton = (crisisId: string) => s.myContact?.crisisId === crisisId && (
    <Button size="xs" color="dark" onClick={() => ack.mutate(crisisId)} loading={ack.isPending} data-testid="banner-ack">{t('crisis.banner.acknowledge')}</Button>
  );
  return (
    <>
      {s.active && (
        <Alert color="red.9" variant="filled" mb="md" icon={<IconUrgent aria-hidden />} role="status" aria-live="polite" data-testid="crisis-banner"
          title={t('crisis.banner.active', { title: s.active.title, level: s.active.severity })}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="white">{t(s.active.scope === 'workspace' ? 'crisis.banner.pausedAll' : 'crisis.banner.pausedSome', { count: s.active.channelIds.length })}</Text>
            <Group gap="xs">
              {ackButton(s.active.id)}
              {can('crisis.read') && <Button size="xs" variant="white" color="red.9" component={Link} to={`/crisis/${s.active.id}`}>{t('crisis.banner.open')}</Button>}
            </Group>
          </Group>
        </Alert>
      )}
      {s.drill && (
        <Alert color="indigo" variant="light" mb="md" icon={<IconSchool aria-hidden />} role="status" data-testid="drill-banner" title={t('crisis.banner.drill', { title: s.drill.title })}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('crisis.banner.drillText')}</Text>
            <Group gap="xs">{ackButton(s.drill.id)}<Anchor component={Link} to={`/crisis/${s.drill.id}`} size="sm" fw={600} c="dark">{t('crisis.banner.openDrill')}</Anchor></Group>
          </Group>
        </Alert>
      )}
      {s.proposal && !s.active && (
        <Alert color="orange" variant="light" mb="md" icon={<IconAlertTriangle aria-hidden />} role="status" data-testid="proposal-banner" title={t('crisis.banner.proposal', { title: s.proposal.title })}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('crisis.banner.proposalText')}</Text>
            <Anchor component={Link} to={`/crisis/${s.proposal.id}`} size="sm" fw={600} c="dark">{t('crisis.banner.review')}</Anchor>
          </Group>
        </Alert>
      )}
    </>
  );
}
