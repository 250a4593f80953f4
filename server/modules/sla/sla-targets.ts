/**
 * Due dates of an inbox item. The target comes from the most specific level that sets it:
 *   1. policy for (channel, priority)      2. policy for (channel, any priority)
 *   3. the platform strategy's response time for the channel (first response only)
 *   4. policy for (any channel, priority)  5. policy for (any channel, any priority)
 *   6. the workspace defaults (60 minutes first response, 1200 minutes resolution).
 * A channel's own setting beats a priority rule of the whole workspace because the channel is the
 * narrower scope. Targets count service minutes (see service-hours.ts). Items of priority
 * `crisis` during an active crisis run on the playbook's crisis targets in wall-clock minutes —
 * a crisis team does not close at 18:00.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { crisisInboxPolicy } from '../crisis/crisis-inbox.ts';
import { strategyPlatforms } from '../strategy/strategy.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { holidayOn, type FederalState } from './holidays.ts';
import { addServiceMinutesMany, type ServiceCalendar, type WeeklyHours } from './service-hours.ts';
import { slaClosedDays, slaPolicies, slaSettings } from './sla.schema.ts';

export const DEFAULT_HOURS: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '08:00', end: '18:00' }]]));
export const DEFAULT_TARGETS = { firstResponseMinutes: 60, resolutionMinutes: 1200, warnAtPercent: 80 };

export interface SlaInput {
  channelId: string | null;
  priority: string | null;
  receivedAt: Date;
}

export interface SlaDueDates {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** When the monitor warns (warnAtPercent of the target's service time). */
  firstResponseWarnAt: Date | null;
  resolutionWarnAt: Date | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

interface Policy {
  channelId: string | null;
  priority: string | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** Everything needed to compute due dates for many items of one workspace without more queries. */
export interface SlaContext {
  calendar: ServiceCalendar;
  warnAtPercent: number;
  defaults: { firstResponseMinutes: number; resolutionMinutes: number };
  policies: Policy[];
  /** channel id → platform strategy response time (minutes). */
  strategyMinutes: Map<string, number>;
  crisis: { firstResponseMinutes: number; resolutionMinutes: number } | null;
}

export async function loadSlaContext(tx: Tx, workspaceId: string): Promise<SlaContext> {
  const [[ws], [settings], closed, policies, platforms, crisis] = await Promise.all([
    tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    tx.select().from(slaSettings).where(eq(slaSettings.workspaceId, workspaceId)),
    tx.select({ date: slaClosedDays.date }).from(slaClosedDays).where(eq(slaClosedDays.workspaceId, workspaceId)),
    tx.select({ channelId: slaPolicies.channelId, priority: slaPolicies.priority, firstResponseMinutes: slaPolicies.firstResponseMinutes, resolutionMinutes: slaPolicies.resolutionMinutes })
      .from(slaPolicies).where(eq(slaPolicies.workspaceId, workspaceId)),
    tx.select({ channelId: strategyPlatforms.channelId, minutes: strategyPlatforms.responseTimeMinutes }).from(strategyPlatforms)
      .where(and(eq(strategyPlatforms.workspaceId, workspaceId), isNotNull(strategyPlatforms.channelId), isNotNull(strategyPlatforms.responseTimeMinutes))),
    crisisInboxPolicy(tx, workspaceId),
  ]);
  const closedSet = new Set(closed.map((c) => c.date));
  const state = (settings?.federalState ?? null) as FederalState | null;
  return {
    calendar: {
      timeZone: ws?.tz ?? 'Europe/Berlin',
      hours: (settings?.hours as WeeklyHours | undefined) ?? DEFAULT_HOURS,
      isClosed: (ymd) => closedSet.has(ymd) || holidayOn(state, ymd) !== null,
    },
    warnAtPercent: settings?.warnAtPercent ?? DEFAULT_TARGETS.warnAtPercent,
    defaults: {
      firstResponseMinutes: settings?.firstResponseMinutes ?? DEFAULT_TARGETS.firstResponseMinutes,
      resolutionMinutes: settings?.resolutionMinutes ?? DEFAULT_TARGETS.resolutionMinutes,
    },
    policies,
    strategyMinutes: new Map(platforms.map((p) => [p.channelId!, p.minutes!])),
    crisis: crisis ? crisis.sla : null,
  };
}

/** The target minutes for an item by the precedence above. */
export function targetsFor(c: SlaContext, channelId: string | null, priority: string | null): { firstResponseMinutes: number; resolutionMinutes: number } {
  const find = (ch: string | null, pr: string | null) => c.policies.find((p) => p.channelId === ch && p.priority === pr);
  const levels: (Partial<Policy> | undefined)[] = [
    channelId && priority ? find(channelId, priority) : undefined,
    channelId ? find(channelId, null) : undefined,
    channelId && c.strategyMinutes.has(channelId) ? { firstResponseMinutes: c.strategyMinutes.get(channelId)! } : undefined,
    priority ? find(null, priority) : undefined,
    find(null, null),
  ];
  const pick = (k: 'firstResponseMinutes' | 'resolutionMinutes') => levels.find((l) => l?.[k] != null)?.[k] ?? c.defaults[k];
  return { firstResponseMinutes: pick('firstResponseMinutes'), resolutionMinutes: pick('resolutionMinutes') };
}

/** Pure: due and warning instants for one item with a loaded context. */
export function dueDatesWith(c: SlaContext, input: SlaInput): SlaDueDates {
  if (input.priority === 'crisis' && c.crisis) {
    const at = (m: number) => new Date(input.receivedAt.getTime() + m * 60_000);
    const { firstResponseMinutes: f, resolutionMinutes: r } = c.crisis;
    return {
      firstResponseDueAt: at(f), resolutionDueAt: at(r),
      firstResponseWarnAt: at((f * c.warnAtPercent) / 100), resolutionWarnAt: at((r * c.warnAtPercent) / 100),
      firstResponseMinutes: f, resolutionMinutes: r,
    };
  }
  const t = targetsFor(c, input.channelId, input.priority);
  const [fd, rd, fw, rw] = addServiceMinutesMany(input.receivedAt, [
    t.firstResponseMinutes, t.resolutionMinutes, (t.firstResponseMinutes * c.warnAtPercent) / 100, (t.resolutionMinutes * c.warnAtPercent) / 100,
  ], c.calendar);
  return {
    firstResponseDueAt: fd ?? null,
    resolutionDueAt: rd ?? null,
    firstResponseWarnAt: fw ?? null,
    resolutionWarnAt: rw ?? null,
    firstResponseMinutes: t.firstResponseMinutes,
    resolutionMinutes: t.resolutionMinutes,
  };
}

/**
 * Due dates of one item (the function the inbox calls at ingestion and when channel or priority
 * change). For many items of one workspace, load the context once and call {@link dueDatesWith}.
 */
export async function slaDueDates(tx: Tx, workspaceId: string, input: SlaInput): Promise<SlaDueDates> {
  return dueDatesWith(await loadSlaContext(tx, workspaceId), input);
}
