/**
 * Readiness items of the crisis area, computed from the crisis configuration:
 * - "crisis management prepared" (Bitkom point 8): a playbook, a crisis team and approved holding
 *   statements exist; the reason names the last drill;
 * - "how do we react to a shitstorm?": a shitstorm playbook with an approved holding statement;
 * - "last crisis drill": a drill within the last twelve months.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import { registerDefaultReadinessChecks } from '../strategy/readiness/readiness-defaults.ts';
import { registerReadinessCheck } from '../strategy/readiness/readiness-registry.ts';
import { crises, crisisHoldingStatements, crisisPlaybooks } from './crisis.schema.ts';
import { isUsable } from './holding-statement.service.ts';

const YEAR_MS = 365 * 86_400_000;

export async function lastDrill(tx: Tx, workspaceId: string) {
  const [d] = await tx.select({ id: crises.id, title: crises.title, state: crises.state, confirmedAt: crises.confirmedAt, endedAt: crises.endedAt }).from(crises)
    .where(and(eq(crises.workspaceId, workspaceId), eq(crises.drill, true))).orderBy(desc(crises.createdAt)).limit(1);
  return d ?? null;
}

async function preparation(tx: Tx, workspaceId: string) {
  const playbooks = (await tx.select().from(crisisPlaybooks).where(and(eq(crisisPlaybooks.workspaceId, workspaceId), eq(crisisPlaybooks.archived, false))));
  const statements = await tx.select().from(crisisHoldingStatements).where(eq(crisisHoldingStatements.workspaceId, workspaceId));
  return playbooks.map((p) => ({
    scenario: p.scenario,
    team: (p.content as PlaybookContent).team.length,
    approved: statements.filter((s) => s.playbookId === p.id && isUsable(s)).length,
  }));
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function registerCrisisReadinessChecks(): void {
  registerDefaultReadinessChecks();
  registerReadinessCheck({
    id: 'crisis.playbook', area: 'crisis', source: 'bitkom', link: '/crisis/playbooks',
    title: { de: 'Krisenfall vorbereitet (Playbook, Krisenteam, Holding Statements)', en: 'Crisis prepared (playbook, crisis team, holding statements)' },
    run: async ({ tx, workspaceId }) => {
      const p = await preparation(tx, workspaceId);
      const drill = await lastDrill(tx, workspaceId);
      const drillText = drill ? { de: ` Letzte Übung: ${day(drill.endedAt ?? drill.confirmedAt)}.`, en: ` Last drill: ${day(drill.endedAt ?? drill.confirmedAt)}.` } : { de: ' Noch keine Übung.', en: ' No drill yet.' };
      if (p.length === 0) return { status: 'not_started', reason: { de: `Noch kein Playbook.${drillText.de}`, en: `No playbook yet.${drillText.en}` } };
      const ready = p.filter((x) => x.team > 0 && x.approved > 0);
      if (ready.length === 0) {
        const missing = { de: p.some((x) => x.team > 0) ? 'freigegebene Holding Statements' : 'ein Krisenteam', en: p.some((x) => x.team > 0) ? 'approved holding statements' : 'a crisis team' };
        return { status: 'in_progress', reason: { de: `${p.length} Playbooks, aber es fehlen ${missing.de}.${drillText.de}`, en: `${p.length} playbooks, but ${missing.en} are missing.${drillText.en}` } };
      }
      const statements = ready.reduce((s, x) => s + x.approved, 0);
      return { status: 'done', reason: { de: `${ready.length} Playbooks mit Krisenteam und ${statements} freigegebenen Holding Statements.${drillText.de}`, en: `${ready.length} playbooks with a crisis team and ${statements} approved holding statements.${drillText.en}` } };
    },
  });
  registerReadinessCheck({
    id: 'crisis.shitstorm', area: 'crisis', source: 'processes', link: '/crisis/playbooks',
    title: { de: 'Wie reagieren wir auf einen Shitstorm?', en: 'How do we react to a shitstorm?' },
    run: async ({ tx, workspaceId }) => {
      const p = (await preparation(tx, workspaceId)).filter((x) => x.scenario === 'shitstorm');
      if (p.length === 0) return { status: 'not_started', reason: { de: 'Kein Playbook für einen Shitstorm.', en: 'No shitstorm playbook.' } };
      if (!p.some((x) => x.approved > 0)) return { status: 'in_progress', reason: { de: 'Shitstorm-Playbook ohne freigegebenes Holding Statement.', en: 'Shitstorm playbook without an approved holding statement.' } };
      return { status: 'done', reason: { de: 'Shitstorm-Playbook mit freigegebenen Holding Statements.', en: 'Shitstorm playbook with approved holding statements.' } };
    },
  });
  registerReadinessCheck({
    id: 'crisis.drill', area: 'crisis', source: 'processes', link: '/crisis',
    title: { de: 'Krisenübung im letzten Jahr', en: 'Crisis drill within the last year' },
    run: async ({ tx, workspaceId, today }) => {
      const d = await lastDrill(tx, workspaceId);
      if (!d) return { status: 'not_started', reason: { de: 'Noch keine Übung durchgeführt.', en: 'No drill held yet.' } };
      if (d.state === 'active') return { status: 'in_progress', reason: { de: `Übung „${d.title}“ läuft.`, en: `Drill "${d.title}" is running.` } };
      const at = d.endedAt ?? d.confirmedAt ?? new Date(0);
      if (new Date(`${today}T23:59:59Z`).getTime() - at.getTime() > YEAR_MS) return { status: 'in_progress', reason: { de: `Letzte Übung am ${day(at)} – älter als ein Jahr.`, en: `Last drill on ${day(at)} – more than a year ago.` } };
      return { status: 'done', reason: { de: `Letzte Übung am ${day(at)}: „${d.title}“.`, en: `Last drill on ${day(at)}: "${d.title}".` } };
    },
  });
}
