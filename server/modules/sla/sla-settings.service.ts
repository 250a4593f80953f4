/** The workspace's service calendar and response-time policies: read and replace, audited. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { SlaSettings, slaSettingsUpdateSchema } from '../../../common/schemas/sla.ts';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { DEFAULT_HOURS, DEFAULT_TARGETS } from './sla-targets.ts';
import { slaClosedDays, slaPolicies, slaSettings } from './sla.schema.ts';

export async function getSlaSettings(db: Db, workspaceId: string): Promise<SlaSettings> {
  const [[s], closed, policies] = await Promise.all([
    db.select().from(slaSettings).where(eq(slaSettings.workspaceId, workspaceId)),
    db.select({ date: slaClosedDays.date, label: slaClosedDays.label }).from(slaClosedDays).where(eq(slaClosedDays.workspaceId, workspaceId)).orderBy(asc(slaClosedDays.date)),
    db.select({ channelId: slaPolicies.channelId, priority: slaPolicies.priority, firstResponseMinutes: slaPolicies.firstResponseMinutes, resolutionMinutes: slaPolicies.resolutionMinutes })
      .from(slaPolicies).where(eq(slaPolicies.workspaceId, workspaceId)).orderBy(asc(slaPolicies.channelId), asc(slaPolicies.priority)),
  ]);
  return {
    hours: (s?.hours as SlaSettings['hours'] | undefined) ?? DEFAULT_HOURS,
    federalState: (s?.federalState ?? null) as SlaSettings['federalState'],
    warnAtPercent: s?.warnAtPercent ?? DEFAULT_TARGETS.warnAtPercent,
    firstResponseMinutes: s?.firstResponseMinutes ?? DEFAULT_TARGETS.firstResponseMinutes,
    resolutionMinutes: s?.resolutionMinutes ?? DEFAULT_TARGETS.resolutionMinutes,
    closedDays: closed,
    policies: policies as SlaSettings['policies'],
  };
}

/**
 * Replaces the given parts. Due dates of items already in the inbox stay as computed at their
 * arrival (a target change applies to new items; the audit row says when it changed).
 */
export async function updateSlaSettings(ctx: AppContext, actor: Actor, workspaceId: string, input: z.infer<typeof slaSettingsUpdateSchema>): Promise<SlaSettings> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const before = await getSlaSettings(tx as unknown as Db, workspaceId);
    const policyChannels = [...new Set((input.policies ?? []).flatMap((p) => (p.channelId ? [p.channelId] : [])))];
    if (policyChannels.length) {
      const known = new Set((await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, policyChannels)))).map((c) => c.id));
      const bad = (input.policies ?? []).findIndex((p) => p.channelId && !known.has(p.channelId));
      if (bad >= 0) throw badRequest('unknown_channel', 'The channel does not exist in this workspace.', [{ path: `body.policies.${bad}.channelId`, message: 'unknown channel' }]);
    }
    const keys = (input.policies ?? []).map((p) => `${p.channelId}|${p.priority}`);
    const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dup >= 0) throw badRequest('duplicate_policy', 'Two targets for the same channel and priority.', [{ path: `body.policies.${dup}`, message: 'duplicate channel and priority' }]);
    const row = {
      hours: input.hours ?? before.hours, federalState: input.federalState !== undefined ? input.federalState : before.federalState,
      warnAtPercent: input.warnAtPercent ?? before.warnAtPercent, firstResponseMinutes: input.firstResponseMinutes ?? before.firstResponseMinutes,
      resolutionMinutes: input.resolutionMinutes ?? before.resolutionMinutes, updatedAt: now,
    };
    await tx.insert(slaSettings).values({ workspaceId, ...row }).onConflictDoUpdate({ target: slaSettings.workspaceId, set: row });
    if (input.closedDays) {
      await tx.delete(slaClosedDays).where(eq(slaClosedDays.workspaceId, workspaceId));
      const unique = [...new Map(input.closedDays.map((d) => [d.date, d])).values()];
      if (unique.length) await tx.insert(slaClosedDays).values(unique.map((d) => ({ workspaceId, date: d.date, label: d.label })));
    }
    if (input.policies) {
      await tx.delete(slaPolicies).where(eq(slaPolicies.workspaceId, workspaceId));
      if (input.policies.length) await tx.insert(slaPolicies).values(input.policies.map((p) => ({ workspaceId, ...p, updatedAt: now })));
    }
    const after = await getSlaSettings(tx as unknown as Db, workspaceId);
    await recordAudit(tx, actor, { workspaceId, action: 'sla.settings.updated', objectType: 'sla_settings', objectId: workspaceId, before, after }, now);
    return after;
  });
}
