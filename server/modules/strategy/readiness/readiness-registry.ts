/**
 * The readiness navigator's check registry. Each item's status is computed from the real
 * configuration by its check; a module that does not exist yet is represented by a placeholder
 * (`not_started` with a reason) that the module replaces by registering a check with the same id
 * (`registerReadinessCheck`). Order is the order of first registration, so the navigator reads
 * the same before and after a module plugs in.
 */
import type { ReadinessArea, ReadinessStatus } from '../../../../common/schemas/strategy.ts';
import { READINESS_AREAS } from '../../../../common/schemas/strategy.ts';
import type { Tx } from '../../../db/client.ts';

export interface Text {
  de: string;
  en: string;
}

export interface ReadinessCheckContext {
  tx: Tx;
  workspaceId: string;
  /** `YYYY-MM-DD` in the workspace time zone. */
  today: string;
}

export interface ReadinessOutcome {
  status: ReadinessStatus;
  reason: Text;
}

export interface ReadinessCheck {
  id: string;
  area: ReadinessArea;
  /** `bitkom`: the ten-point checklist; `processes`: the organisational questions of the seeds. */
  source: 'bitkom' | 'processes';
  title: Text;
  /** Where in the web app it is fixed. */
  link: string;
  run(c: ReadinessCheckContext): Promise<ReadinessOutcome>;
}

export interface ReadinessItem extends ReadinessOutcome {
  id: string;
  area: ReadinessArea;
  source: 'bitkom' | 'processes';
  title: Text;
  link: string;
}

const checks = new Map<string, ReadinessCheck>();

/** Adds a check, or replaces the one with the same id in place. */
export function registerReadinessCheck(check: ReadinessCheck): void {
  checks.set(check.id, check);
}
/** Adds a check only if no module registered one with this id yet (defaults never override a real check). */
export function registerReadinessDefault(check: ReadinessCheck): void {
  if (!checks.has(check.id)) checks.set(check.id, check);
}
export function readinessChecks(): ReadinessCheck[] {
  return [...checks.values()];
}

/** A check for something whose module does not exist yet: always `not_started`, saying why. */
export function placeholderCheck(c: Omit<ReadinessCheck, 'run'>, reason: Text): ReadinessCheck {
  return { ...c, run: async () => ({ status: 'not_started', reason }) };
}

export const AREA_TITLES: Record<ReadinessArea, Text> = {
  strategy: { de: 'Strategie', en: 'Strategy' },
  goals: { de: 'Ziele', en: 'Goals' },
  organisation: { de: 'Organisation', en: 'Organisation' },
  effort: { de: 'Aufwand', en: 'Effort' },
  target_groups: { de: 'Zielgruppen', en: 'Target groups' },
  monitoring: { de: 'Monitoring', en: 'Monitoring' },
  content: { de: 'Inhalte und Medien-Mix', en: 'Content and media mix' },
  crisis: { de: 'Krisenmanagement', en: 'Crisis management' },
  measurement: { de: 'Erfolgsmessung', en: 'Success measurement' },
  guidelines: { de: 'Leitfaden und Schulung', en: 'Guidelines and training' },
};

const POINTS: Record<ReadinessStatus, number> = { done: 100, in_progress: 50, not_started: 0 };

function statusOf(items: readonly ReadinessItem[]): ReadinessStatus {
  if (items.length && items.every((i) => i.status === 'done')) return 'done';
  if (items.every((i) => i.status === 'not_started')) return 'not_started';
  return 'in_progress';
}

/**
 * Scores per area (done = 100, in progress = 50, not started = 0, averaged and rounded) and
 * overall (the average of the areas, so an area with many items does not outweigh the others).
 */
export function scoreReadiness(items: readonly ReadinessItem[]) {
  const areas = READINESS_AREAS.map((key) => {
    const own = items.filter((i) => i.area === key);
    const score = own.length ? Math.round(own.reduce((s, i) => s + POINTS[i.status], 0) / own.length) : 0;
    return { key, title: AREA_TITLES[key], score, status: statusOf(own), items: own };
  });
  const score = Math.round(areas.reduce((s, a) => s + a.score, 0) / areas.length);
  return { score, areas };
}

/** Runs every check; a failing check reports `not_started` with the failure rather than breaking the page. */
export async function runReadiness(c: ReadinessCheckContext): Promise<ReadinessItem[]> {
  const out: ReadinessItem[] = [];
  for (const check of readinessChecks()) {
    let outcome: ReadinessOutcome;
    try {
      outcome = await check.run(c);
    } catch {
      outcome = { status: 'not_started', reason: { de: 'Die Prüfung konnte nicht ausgeführt werden.', en: 'The check could not be run.' } };
    }
    out.push({ id: check.id, area: check.area, source: check.source, title: check.title, link: check.link, ...outcome });
  }
  return out;
}
