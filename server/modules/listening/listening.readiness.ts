/**
 * Readiness item "Monitoring set up" (Bitkom point 6), computed from the listening configuration:
 * done when active queries cover the organisation and at least one source delivers; started when
 * queries exist but nothing feeds them.
 */
import { and, eq } from 'drizzle-orm';
import { registerDefaultReadinessChecks } from '../strategy/readiness/readiness-defaults.ts';
import { registerReadinessCheck } from '../strategy/readiness/readiness-registry.ts';
import { listeningQueries, listeningSources } from './listening.schema.ts';

export function registerListeningReadinessChecks(): void {
  // Defaults first, so the navigator keeps its order; this check then replaces the placeholder in place.
  registerDefaultReadinessChecks();
  registerReadinessCheck({
    id: 'monitoring.queries', area: 'monitoring', source: 'bitkom', link: '/monitoring',
    title: { de: 'Monitoring eingerichtet', en: 'Monitoring set up' },
    run: async ({ tx, workspaceId }) => {
      const queries = await tx.select({ id: listeningQueries.id }).from(listeningQueries)
        .where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.enabled, true)));
      if (queries.length === 0) return { status: 'not_started', reason: { de: 'Noch keine aktive Suchanfrage.', en: 'No active query yet.' } };
      const sources = await tx.select({ id: listeningSources.id }).from(listeningSources)
        .where(and(eq(listeningSources.workspaceId, workspaceId), eq(listeningSources.enabled, true)));
      if (sources.length === 0) {
        return { status: 'in_progress', reason: { de: `${queries.length} Suchanfragen, aber keine aktive Quelle.`, en: `${queries.length} queries, but no active source.` } };
      }
      return { status: 'done', reason: { de: `${queries.length} Suchanfragen über ${sources.length} Quellen.`, en: `${queries.length} queries over ${sources.length} sources.` } };
    },
  });
}
