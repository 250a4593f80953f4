/**
 * Readiness checks of the guidelines area, replacing the navigator's placeholders: guidelines
 * count when a published version is acknowledged by at least 80 % of the members; training when
 * at least 80 % passed a published module's quiz.
 */
import { and, countDistinct, eq } from 'drizzle-orm';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { registerReadinessCheck, type ReadinessCheck } from '../strategy/readiness/readiness-registry.ts';
import { trainingAttempts, trainings } from './enablement.schema.ts';
import { guidelineCoverage } from './guidelines.service.ts';

/** Share of members that must have acknowledged / passed for the item to count as done. */
export const ENABLEMENT_QUORUM = 0.8;
const pct = (n: number) => `${Math.round(n * 100)} %`;

const guidelinesCheck: ReadinessCheck = {
  id: 'guidelines.acknowledged', area: 'guidelines', source: 'bitkom', link: '/guidelines',
  title: { de: 'Leitfaden veröffentlicht und bestätigt', en: 'Guidelines published and acknowledged' },
  run: async ({ tx, workspaceId }) => {
    const c = await guidelineCoverage(tx, workspaceId);
    if (!c.published.length) {
      return c.drafts
        ? { status: 'in_progress', reason: { de: 'Ein Leitfaden ist im Entwurf, aber noch nicht veröffentlicht.', en: 'A guideline is drafted but not published yet.' } }
        : { status: 'not_started', reason: { de: 'Noch kein Leitfaden. Die Vorlage hilft beim Start.', en: 'No guideline yet. The starter template helps.' } };
    }
    const worst = c.published.reduce((a, b) => (b.acknowledged / (b.total || 1) < a.acknowledged / (a.total || 1) ? b : a));
    const share = worst.total ? worst.acknowledged / worst.total : 0;
    if (share >= ENABLEMENT_QUORUM) return { status: 'done', reason: { de: `Bestätigt von ${worst.acknowledged} von ${worst.total} Mitgliedern (${pct(share)}).`, en: `Acknowledged by ${worst.acknowledged} of ${worst.total} members (${pct(share)}).` } };
    return { status: 'in_progress', reason: { de: `„${worst.title}“ bestätigt von ${worst.acknowledged} von ${worst.total} Mitgliedern (${pct(share)}, Ziel 80 %).`, en: `"${worst.title}" acknowledged by ${worst.acknowledged} of ${worst.total} members (${pct(share)}, target 80 %).` } };
  },
};

const trainingCheck: ReadinessCheck = {
  id: 'guidelines.training', area: 'guidelines', source: 'bitkom', link: '/guidelines#training',
  title: { de: 'Team geschult', en: 'Team trained' },
  run: async ({ tx, workspaceId }) => {
    const published = await tx.select({ id: trainings.id }).from(trainings).where(and(eq(trainings.workspaceId, workspaceId), eq(trainings.status, 'published')));
    if (!published.length) return { status: 'not_started', reason: { de: 'Noch keine veröffentlichte Schulung.', en: 'No published training yet.' } };
    const [{ n: total } = { n: 0 }] = await tx.select({ n: countDistinct(memberships.userId) }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
    const [{ n: passed } = { n: 0 }] = await tx.select({ n: countDistinct(trainingAttempts.userId) }).from(trainingAttempts)
      .innerJoin(memberships, and(eq(memberships.userId, trainingAttempts.userId), eq(memberships.workspaceId, workspaceId)))
      .where(and(eq(trainingAttempts.workspaceId, workspaceId), eq(trainingAttempts.passed, true)));
    const share = total ? passed / total : 0;
    const reason = { de: `${passed} von ${total} Mitgliedern haben ein Schulungsquiz bestanden (${pct(share)}).`, en: `${passed} of ${total} members passed a training quiz (${pct(share)}).` };
    return { status: share >= ENABLEMENT_QUORUM ? 'done' : 'in_progress', reason };
  },
};

export function registerEnablementReadinessChecks(): void {
  registerReadinessCheck(guidelinesCheck);
  registerReadinessCheck(trainingCheck);
}
