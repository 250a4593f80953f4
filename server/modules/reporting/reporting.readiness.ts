/**
 * Readiness "regular report to leadership" (Bitkom point 9), replacing the navigator's
 * placeholder: done when a report is scheduled to at least one recipient, in progress when a
 * report exists but nobody receives it regularly.
 */
import { and, eq, sql } from 'drizzle-orm';
import { registerReadinessCheck } from '../strategy/readiness/readiness-registry.ts';
import { reportDefinitions } from './reporting.schema.ts';

let done = false;
export function registerReportingReadinessCheck(): void {
  if (done) return;
  done = true;
  registerReadinessCheck({
    id: 'measurement.reports', area: 'measurement', source: 'bitkom', link: '/reports',
    title: { de: 'Regelmäßiger Bericht an die Leitung', en: 'Regular report to leadership' },
    run: async ({ tx, workspaceId }) => {
      const [r] = await tx.select({
        all: sql<number>`count(*)::int`,
        scheduled: sql<number>`count(*) FILTER (WHERE ${reportDefinitions.scheduleEnabled} AND cardinality(${reportDefinitions.recipients}) > 0)::int`,
      }).from(reportDefinitions).where(and(eq(reportDefinitions.workspaceId, workspaceId)));
      if (Number(r?.scheduled)) return { status: 'done', reason: { de: `${r!.scheduled} Bericht(e) gehen regelmäßig per E-Mail an die Leitung.`, en: `${r!.scheduled} report(s) go to leadership by e-mail regularly.` } };
      if (Number(r?.all)) return { status: 'in_progress', reason: { de: 'Ein Bericht ist angelegt, wird aber noch nicht regelmäßig versandt.', en: 'A report exists but is not sent regularly yet.' } };
      return { status: 'not_started', reason: { de: 'Noch kein Bericht. Legen Sie einen Monatsbericht an und planen Sie den Versand.', en: 'No report yet. Create a monthly report and schedule it.' } };
    },
  });
}
