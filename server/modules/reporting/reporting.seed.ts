/**
 * Demo reports (after the listening seed): the last two weeks of listening KPIs from the demo
 * mentions themselves, a monthly report for the head of the office (scheduled, so the navigator
 * counts it) with last month's edition already sent, and an unscheduled weekly community report.
 */
import { addDays } from '../../../common/local-date.ts';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { systemClock } from '../../http/context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { storeKpiValues } from '../strategy/kpi-series.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { listeningSamples } from './collectors/listening-collector.ts';
import { workspaceTimezone } from './report-data.ts';
import { sendReportNow } from './report-dispatch.ts';
import { lastCompletePeriod } from './report-period.ts';
import { createReport } from './reporting.service.ts';

export async function seedReportingDemo({ tx, workspaceId, config }: DemoSeedContext): Promise<void> {
  const now = systemClock.now();
  const tz = await workspaceTimezone(tx, workspaceId);
  const today = dayIn(now, tz);
  await storeKpiValues(tx, workspaceId, 'listening.mentions', await listeningSamples(tx, workspaceId, addDays(today, -14), today), now);

  const monthly = await createReport(tx, systemClock, SYSTEM_ACTOR, workspaceId, {
    name: 'Bericht für die Amtsleitung', language: 'de', period: 'monthly', scheduleEnabled: true,
    recipients: ['amtsleitung@beispielwesen.example', 'pressestelle@beispielwesen.example'],
  });
  await createReport(tx, systemClock, SYSTEM_ACTOR, workspaceId, {
    name: 'Community-Wochenbericht', language: 'de', period: 'weekly',
    metrics: ['inbox_first_response_minutes', 'inbox_within_target_share', 'mentions', 'sentiment_negative_share', 'engagements'],
  });
  const deps = { clock: systemClock, publicUrl: config?.publicUrl ?? 'http://localhost:3000' };
  await sendReportNow(tx, deps, SYSTEM_ACTOR, monthly, lastCompletePeriod('monthly', today), tz);
}
