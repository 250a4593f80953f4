import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';

interface Collected { collectors: { id: string; stored: number; error: string | null }[] }

/** Runs every KPI collector for today now (the daily job does the same late each evening). */
export function CollectButton() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const message = useErrorMessage();
  const collect = useMutation({
    mutationFn: () => post<Collected>(`/workspaces/${ws.id}/kpis/collect`, {}),
    onSuccess: async (r) => {
      const stored = r.collectors.reduce((s, c) => s + c.stored, 0);
      const failed = r.collectors.filter((c) => c.error);
      notifications.show({
        color: failed.length ? 'orange' : 'teal',
        title: t('reports.collect.done', { count: stored }),
        message: failed.length ? t('reports.collect.failed', { sources: failed.map((c) => c.id).join(', ') }) : t('reports.collect.ok'),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await Promise.all([qc.invalidateQueries({ queryKey: ['reports', ws.id] }), qc.invalidateQueries({ queryKey: ['strategy', ws.id] })]);
    },
    onError: (e) => notifications.show({ color: 'red', message: message(e), closeButtonProps: { 'aria-label': t('common.close') } }),
  });
  if (!can('reports.write')) return null;
  return <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={collect.isPending} onClick={() => collect.mutate()}>{t('reports.collect.button')}</Button>;
}
