/** Types and queries of the reports area, inferred from the shared schemas. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { reportDataSchema, reportDefinitionSchema, reportDeliverySchema, ReportPeriodKind } from '../../../../common/schemas/reporting.ts';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';

export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;
export type ReportData = z.infer<typeof reportDataSchema>;
export type ReportDelivery = z.infer<typeof reportDeliverySchema>;

export const reportsKey = (wsId: string) => ['reports', wsId] as const;

export function useReports() {
  const ws = useWorkspace();
  return useQuery({ queryKey: [...reportsKey(ws.id), 'list'], queryFn: () => get<{ items: ReportDefinition[] }>(`/workspaces/${ws.id}/reports`) });
}

export function useReport(id: string | undefined) {
  const ws = useWorkspace();
  return useQuery({ queryKey: [...reportsKey(ws.id), 'one', id], enabled: Boolean(id), queryFn: () => get<ReportDefinition>(`/workspaces/${ws.id}/reports/${id}`) });
}

export function useReportData(id: string, range: { from?: string; to?: string }) {
  const ws = useWorkspace();
  return useQuery({ queryKey: [...reportsKey(ws.id), 'data', id, range.from, range.to], queryFn: () => get<ReportData>(`/workspaces/${ws.id}/reports/${id}/data`, range) });
}

export function useDashboard(period: ReportPeriodKind, channels: string[], lang: 'de' | 'en') {
  const ws = useWorkspace();
  return useQuery({
    queryKey: [...reportsKey(ws.id), 'dashboard', period, channels.join(','), lang],
    queryFn: () => get<ReportData>(`/workspaces/${ws.id}/reports/dashboard`, { period, channels: channels.join(',') || undefined, lang }),
  });
}

export function useDeliveries(id: string) {
  const ws = useWorkspace();
  return useQuery({ queryKey: [...reportsKey(ws.id), 'deliveries', id], queryFn: () => get<{ items: ReportDelivery[] }>(`/workspaces/${ws.id}/reports/${id}/deliveries`) });
}

/** Values per day of a period, aligned by day index, for comparing a period with the previous one. */
export function alignedRows(period: { from: string; days: number }, previous: { from: string; days: number }, points: { date: string; value: number }[], previousPoints: { date: string; value: number }[], cumulative: boolean) {
  const day = (from: string, i: number) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
  const cur = new Map(points.map((p) => [p.date, p.value]));
  const prev = new Map(previousPoints.map((p) => [p.date, p.value]));
  const n = Math.max(period.days, previous.days);
  let a = 0;
  let b = 0;
  const rows: { date: string; current: number | null; previous: number | null }[] = [];
  for (let i = 0; i < n; i++) {
    const c = i < period.days ? cur.get(day(period.from, i)) : undefined;
    const p = i < previous.days ? prev.get(day(previous.from, i)) : undefined;
    if (cumulative) {
      a += c ?? 0;
      b += p ?? 0;
    }
    rows.push({
      date: i < period.days ? day(period.from, i) : '',
      current: i < period.days ? (cumulative ? a : (c ?? null)) : null,
      previous: i < previous.days ? (cumulative ? b : (p ?? null)) : null,
    });
  }
  return rows;
}
