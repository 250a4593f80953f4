/** Create, update and delete of strategy items with the cache refreshed (item list, readiness, reports). */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StrategyItemType } from '../../../../../common/schemas/strategy.ts';
import { del, patch, post } from '../../../api/client.ts';
import { useWorkspace } from '../../../api/session.tsx';
import { readinessKey, strategyKey } from '../strategy-api.ts';

export interface Versioned {
  id: string;
  version: number;
}

export function useItemMutations<T extends Versioned>(type: StrategyItemType) {
  const ws = useWorkspace();
  const qc = useQueryClient();
  const { t } = useTranslation();
  const refresh = async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: strategyKey(ws.id, type) }),
      qc.invalidateQueries({ queryKey: readinessKey(ws.id) }),
      qc.invalidateQueries({ queryKey: ['strategy', ws.id, 'history'] }),
      qc.invalidateQueries({ queryKey: ['reports', ws.id] }),
    ]);
  };
  const saved = () => notifications.show({ color: 'teal', message: t('strategy.items.saved'), closeButtonProps: { 'aria-label': t('common.close') } });
  const base = `/workspaces/${ws.id}/strategy/${type}`;
  return {
    create: useMutation({ mutationFn: (body: Record<string, unknown>) => post<T>(base, body), onSuccess: async () => { await refresh(); saved(); } }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => patch<T>(`${base}/${id}`, body), onSuccess: async () => { await refresh(); saved(); } }),
    remove: useMutation({ mutationFn: (id: string) => del<{ ok: true }>(`${base}/${id}`), onSuccess: refresh }),
  };
}
