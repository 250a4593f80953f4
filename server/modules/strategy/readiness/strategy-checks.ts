/**
 * Readiness checks computed from the strategy workspace (challenges, goals, target groups,
 * platform strategy, topics, effort, roll-out, KPI data). Status rules are in each check's
 * reason text, so the navigator explains itself.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import { KPI_KEYS } from '../../../../common/kpi-catalogue.ts';
import { smartIssues } from '../../../../common/schemas/strategy.ts';
import type { Tx } from '../../../db/client.ts';
import { memberships } from '../../workspaces/workspaces.schema.ts';
import { calculateEffort, type EffortLine } from '../effort-calculator.ts';
import { dayNumber } from '../goal-progress.ts';
import * as t from '../strategy.schema.ts';
import type { ReadinessCheck, ReadinessOutcome, Text } from './readiness-registry.ts';

const done = (de: string, en: string): ReadinessOutcome => ({ status: 'done', reason: { de, en } });
const partly = (de: string, en: string): ReadinessOutcome => ({ status: 'in_progress', reason: { de, en } });
const none = (de: string, en: string): ReadinessOutcome => ({ status: 'not_started', reason: { de, en } });

const rows = <T extends typeof t.strategyPlatforms | typeof t.strategyChallenges | typeof t.strategyTargetGroups | typeof t.strategyTopics | typeof t.strategyEffortPlans | typeof t.strategyPhases | typeof t.strategyMetaGoals | typeof t.strategyGoals>(tx: Tx, table: T, workspaceId: string) =>
  tx.select().from(table as typeof t.strategyPlatforms).where(eq(table.workspaceId, workspaceId)) as unknown as Promise<T['$inferSelect'][]>;

/** Goals that pass the SMART check today (a goal whose deadline passed no longer counts). */
async function smartGoals(tx: Tx, workspaceId: string, today: string) {
  const goals = await rows(tx, t.strategyGoals, workspaceId);
  return { goals, valid: goals.filter((g) => smartIssues(g, today).length === 0) };
}

/** Every platform strategy has `field` set: done / some / none. */
function platformsHave(field: 'ownerId' | 'deputyId' | 'responseTimeMinutes' | 'postsPerWeek', label: Text): ReadinessCheck['run'] {
  return async ({ tx, workspaceId }) => {
    const ps = await rows(tx, t.strategyPlatforms, workspaceId);
    if (!ps.length) return none('Noch keine Plattformstrategie angelegt.', 'No platform strategy yet.');
    const missing = ps.filter((p) => p[field] === null || p[field] === undefined).map((p) => p.network);
    if (!missing.length) return done(`Für alle ${ps.length} Plattformen festgelegt: ${label.de}.`, `Set for all ${ps.length} platforms: ${label.en}.`);
    return partly(`Fehlt für: ${missing.join(', ')} (${label.de}).`, `Missing for: ${missing.join(', ')} (${label.en}).`);
  };
}

type Def = Omit<ReadinessCheck, 'run'>;
const def = (id: string, area: Def['area'], source: Def['source'], de: string, en: string, link: string): Def => ({ id, area, source, title: { de, en }, link });

export const STRATEGY_CHECKS: ReadinessCheck[] = [
  {
    ...def('strategy.challenges', 'strategy', 'bitkom', 'Herausforderungen beschrieben und verantwortet', 'Challenges described and owned', '/strategy/challenges'),
    run: async ({ tx, workspaceId }) => {
      const cs = await rows(tx, t.strategyChallenges, workspaceId);
      if (!cs.length) return none('Noch keine Herausforderung beschrieben.', 'No challenge described yet.');
      const open = cs.filter((c) => !c.ownerId || !c.measures.length).map((c) => c.title);
      if (open.length) return partly(`Ohne Verantwortliche oder Maßnahmen: ${open.join(', ')}.`, `Without owner or measures: ${open.join(', ')}.`);
      return done(`${cs.length} Herausforderungen mit Verantwortlichen und Maßnahmen.`, `${cs.length} challenges with owners and measures.`);
    },
  },
  {
    ...def('strategy.rollout', 'strategy', 'bitkom', 'Schrittweise Einführung mit Pilotgruppe geplant', 'Phased roll-out with a pilot group planned', '/strategy/phases'),
    run: async ({ tx, workspaceId }) => {
      const ps = await rows(tx, t.strategyPhases, workspaceId);
      if (!ps.length) return none('Noch keine Einführungsphase geplant.', 'No roll-out phase planned yet.');
      const pilot = ps.find((p) => p.isPilot && p.memberIds.length > 0 && p.startDate && p.exitCriteria.length > 0);
      if (pilot) return done(`Pilotphase „${pilot.name}“ mit ${pilot.memberIds.length} Mitgliedern, Termin und Abschlusskriterien.`, `Pilot phase "${pilot.name}" with ${pilot.memberIds.length} members, dates and exit criteria.`);
      return partly('Es fehlt eine Pilotphase mit Mitgliedern, Startdatum und Abschlusskriterien.', 'A pilot phase with members, a start date and exit criteria is missing.');
    },
  },
  {
    ...def('goals.smart', 'goals', 'bitkom', 'SMARTe Ziele gesetzt', 'SMART goals set', '/strategy/goals'),
    run: async ({ tx, workspaceId, today }) => {
      const { goals, valid } = await smartGoals(tx, workspaceId, today);
      if (valid.length) return done(`${valid.length} SMARTe Ziele mit Kennzahl, Zielwert und künftiger Frist.`, `${valid.length} SMART goals with metric, target value and a future deadline.`);
      if (goals.length) return partly('Ziele vorhanden, aber keines erfüllt SMART (z. B. Frist abgelaufen).', 'Goals exist, but none is SMART (e.g. the deadline has passed).');
      const metas = await rows(tx, t.strategyMetaGoals, workspaceId);
      if (metas.length) return partly('Meta-Ziele vorhanden; es fehlen messbare SMARTe Ziele.', 'Meta goals exist; measurable SMART goals are missing.');
      return none('Noch keine Ziele.', 'No goals yet.');
    },
  },
  {
    ...def('goals.meta_covered', 'goals', 'bitkom', 'Jedes Meta-Ziel hat messbare Ziele', 'Every meta goal has measurable goals', '/strategy/goals'),
    run: async ({ tx, workspaceId, today }) => {
      const metas = await rows(tx, t.strategyMetaGoals, workspaceId);
      if (!metas.length) return none('Noch keine Meta-Ziele.', 'No meta goals yet.');
      const { valid } = await smartGoals(tx, workspaceId, today);
      const bare = metas.filter((m) => !valid.some((g) => g.metaGoalId === m.id)).map((m) => m.title);
      if (!bare.length) return done('Alle Meta-Ziele sind in SMARTe Ziele heruntergebrochen.', 'All meta goals are broken down into SMART goals.');
      return partly(`Ohne SMARTes Ziel: ${bare.join(', ')}.`, `Without a SMART goal: ${bare.join(', ')}.`);
    },
  },
  {
    ...def('organisation.roles', 'organisation', 'bitkom', 'Verantwortung für Social Media festgelegt', 'Responsibility for social media assigned', '/team'),
    run: async ({ tx, workspaceId }) => {
      const ms = await tx.select({ roles: memberships.roles }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
      const has = (r: string[]) => ms.some((m) => m.roles.some((x) => r.includes(x)));
      const steer = has(['strategist']);
      const community = has(['community_manager', 'duty_editor']);
      if (steer && community) return done('Strategie und Community Management sind besetzt.', 'Strategy and community management are staffed.');
      if (steer || community) return partly(steer ? 'Es fehlt jemand für Community Management oder Chef vom Dienst.' : 'Es fehlt jemand, der die Strategie steuert (Rolle Strategie).', steer ? 'Nobody holds community management or duty editor.' : 'Nobody steers the strategy (strategist role).');
      return none('Weder Strategie noch Community Management sind als Rollen vergeben.', 'Neither strategy nor community management roles are assigned.');
    },
  },
  { ...def('organisation.channel_owner', 'organisation', 'processes', 'Wer betreut welchen Kanal?', 'Who handles which channel?', '/strategy/platforms'), run: platformsHave('ownerId', { de: 'Verantwortliche', en: 'owner' }) },
  { ...def('organisation.substitute', 'organisation', 'processes', 'Wer vertritt wen?', 'Who substitutes for whom?', '/strategy/platforms'), run: platformsHave('deputyId', { de: 'Vertretung', en: 'substitute' }) },
  { ...def('organisation.response_time', 'organisation', 'processes', 'Maximale Reaktionszeit festgelegt', 'Maximum response time set', '/strategy/platforms'), run: platformsHave('responseTimeMinutes', { de: 'Reaktionszeit', en: 'response time' }) },
  {
    ...def('effort.calculated', 'effort', 'bitkom', 'Aufwand kalkuliert und gedeckt', 'Effort calculated and covered', '/strategy/effort'),
    run: async ({ tx, workspaceId }) => {
      const plans = await rows(tx, t.strategyEffortPlans, workspaceId);
      if (!plans.length) return none('Noch kein Aufwandsplan.', 'No effort plan yet.');
      const p = plans[plans.length - 1]!;
      const r = calculateEffort({ lines: p.lines as EffortLine[], monitoringHoursPerWeek: p.monitoringHoursPerWeek, capacity: p.capacity as { hoursPerWeek: number }[] });
      if (!r.plannedHours) return partly('Der Aufwandsplan enthält noch keine Tätigkeiten.', 'The effort plan has no activities yet.');
      if (r.overCapacity) return partly(`Geplant ${r.plannedHours} h/Woche, verfügbar ${r.capacityHours} h/Woche.`, `Planned ${r.plannedHours} h/week, available ${r.capacityHours} h/week.`);
      return done(`Geplant ${r.plannedHours} h/Woche bei ${r.capacityHours} h/Woche Kapazität.`, `Planned ${r.plannedHours} h/week against ${r.capacityHours} h/week capacity.`);
    },
  },
  {
    ...def('target_groups.defined', 'target_groups', 'bitkom', 'Zielgruppen identifiziert und priorisiert', 'Target groups identified and ranked', '/strategy/target-groups'),
    run: async ({ tx, workspaceId }) => {
      const gs = await rows(tx, t.strategyTargetGroups, workspaceId);
      if (!gs.length) return none('Noch keine Zielgruppe.', 'No target group yet.');
      const thin = gs.filter((g) => !g.needs.length || !g.platforms.length).map((g) => g.name);
      if (thin.length) return partly(`Ohne Bedürfnisse oder Plattformen: ${thin.join(', ')}.`, `Without needs or platforms: ${thin.join(', ')}.`);
      return done(`${gs.length} Zielgruppen mit Bedürfnissen, Plattformen und Rang.`, `${gs.length} target groups with needs, platforms and rank.`);
    },
  },
  {
    ...def('target_groups.tone', 'target_groups', 'processes', 'Ansprache (du/Sie, Sprache) je Zielgruppe festgelegt', 'Tone (du/Sie, language) set per target group', '/strategy/target-groups'),
    run: async ({ tx, workspaceId }) => {
      const gs = await rows(tx, t.strategyTargetGroups, workspaceId);
      if (!gs.length) return none('Noch keine Zielgruppe.', 'No target group yet.');
      const ps = await rows(tx, t.strategyPlatforms, workspaceId);
      const uncovered = [...new Set(gs.flatMap((g) => g.platforms))].filter((n) => !ps.some((p) => p.network === n));
      if (uncovered.length) return partly(`Plattformen der Zielgruppen ohne Plattformstrategie: ${uncovered.join(', ')}.`, `Target-group platforms without a platform strategy: ${uncovered.join(', ')}.`);
      return done('Jede Zielgruppe hat Ansprache und Sprache; ihre Plattformen haben eine Strategie.', 'Every target group has tone and language; its platforms have a strategy.');
    },
  },
  {
    ...def('content.topics', 'content', 'bitkom', 'Themen und Formate auf Ziele und Zielgruppen abgestimmt', 'Topics and formats matched to goals and target groups', '/strategy/topics'),
    run: async ({ tx, workspaceId }) => {
      const ts = await rows(tx, t.strategyTopics, workspaceId);
      if (!ts.length) return none('Noch keine Themen oder Formate.', 'No topics or formats yet.');
      const linked = ts.filter((x) => x.goalIds.length && x.targetGroupIds.length);
      if (linked.length === ts.length) return done(`${ts.length} Themen/Formate, alle mit Ziel und Zielgruppe verknüpft.`, `${ts.length} topics/formats, all linked to a goal and a target group.`);
      return partly(`${ts.length - linked.length} von ${ts.length} Themen/Formaten ohne Ziel oder Zielgruppe.`, `${ts.length - linked.length} of ${ts.length} topics/formats lack a goal or target group.`);
    },
  },
  {
    ...def('content.platform_roles', 'content', 'bitkom', 'Rolle jeder Plattform im Medien-Mix festgelegt', 'Role of each platform in the media mix set', '/strategy/platforms'),
    run: async ({ tx, workspaceId }) => {
      const ps = await rows(tx, t.strategyPlatforms, workspaceId);
      if (!ps.length) return none('Noch keine Plattformstrategie.', 'No platform strategy yet.');
      const missing = ps.filter((p) => !p.purpose.trim() || !p.tone.trim()).map((p) => p.network);
      if (missing.length) return partly(`Ohne Zweck oder Tonalität: ${missing.join(', ')}.`, `Without purpose or tone: ${missing.join(', ')}.`);
      return done('Jede Plattform hat Zweck, Tonalität und Zielgruppen.', 'Every platform has a purpose, tone and target groups.');
    },
  },
  { ...def('content.posting_frequency', 'content', 'processes', 'Wie oft wird was veröffentlicht?', 'How often is what published?', '/strategy/platforms'), run: platformsHave('postsPerWeek', { de: 'Beiträge pro Woche', en: 'posts per week' }) },
  {
    ...def('measurement.kpis', 'measurement', 'bitkom', 'Kennzahlen der Ziele werden gemessen', 'The goals\' KPIs are measured', '/strategy/goals'),
    run: async ({ tx, workspaceId, today }) => {
      const { valid } = await smartGoals(tx, workspaceId, today);
      if (!valid.length) return none('Ohne SMARTe Ziele gibt es nichts zu messen.', 'Without SMART goals there is nothing to measure.');
      const since = new Date((dayNumber(today) - 14) * 86_400_000).toISOString().slice(0, 10);
      const measured = await tx.selectDistinct({ metric: t.kpiValues.metric }).from(t.kpiValues)
        .where(and(eq(t.kpiValues.workspaceId, workspaceId), gte(t.kpiValues.date, since), sql`${t.kpiValues.metric} IN ${[...KPI_KEYS]}`));
      const have = new Set(measured.map((m) => m.metric));
      const blind = [...new Set(valid.map((g) => g.metric))].filter((m) => !have.has(m));
      if (!blind.length) return done('Für alle Zielkennzahlen liegen Messwerte der letzten 14 Tage vor.', 'All goal metrics have values from the last 14 days.');
      if (blind.length < new Set(valid.map((g) => g.metric)).size) return partly(`Ohne aktuelle Messwerte: ${blind.join(', ')}.`, `No recent values: ${blind.join(', ')}.`);
      return none(`Noch keine aktuellen Messwerte für: ${blind.join(', ')}.`, `No recent values yet for: ${blind.join(', ')}.`);
    },
  },
];
