import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/client.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, type PublishingSettings } from './calendar-api.ts';

/**
 * The workspace's accessibility policy: alt text for every image before review (the default and
 * our promise). Relaxing it is possible for administrators and recorded in the audit trail.
 */
export function PolicyCard({ workspaceId, settings }: { workspaceId: string; settings: PublishingSettings | undefined }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: (altTextRequired: boolean) => patch<PublishingSettings>(`/workspaces/${workspaceId}/publishing/settings`, { altTextRequired }),
    onSuccess: async (s) => {
      notifications.show({ color: 'teal', message: t(s.altTextRequired ? 'calendar.policy.onMsg' : 'calendar.policy.offMsg'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      await qc.invalidateQueries({ queryKey: calendarKeys.all(workspaceId) });
    },
  });
  const required = settings?.altTextRequired ?? true;
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">{t('calendar.policy.title')}</Title>
        <Switch
          label={t('calendar.policy.altText')}
          description={t(required ? 'calendar.policy.altTextOn' : 'calendar.policy.altTextOff')}
          checked={required}
          disabled={!can('workspace.update') || change.isPending || !settings}
          onChange={(e) => change.mutate(e.currentTarget.checked)}
          data-testid="alt-text-policy"
        />
        {!can('workspace.update') && <Text size="xs" c="dimmed">{t('calendar.policy.adminsOnly')}</Text>}
        <ErrorAlert error={change.error} />
      </Stack>
    </Card>
  );
}
