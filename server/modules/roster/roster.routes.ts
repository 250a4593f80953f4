/** Duty roster API: shifts, absences, the calendar view and who is on duty now. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  absenceCreateSchema, absenceParamsSchema, absenceSchema, onDutyQuerySchema, onDutySchema, rosterCalendarSchema, rosterRangeQuerySchema,
  shiftCreateSchema, shiftParamsSchema, shiftSchema,
} from '../../../common/schemas/roster.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { absentAt, whoIsOnDuty } from './duty.ts';
import { registerRosterIntegrations } from './roster-integrations.ts';
import { createAbsence, createShift, deleteAbsence, deleteShift, listShifts, replaceShift, rosterCalendar } from './roster.service.ts';

export function registerRosterRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  registerRosterIntegrations();
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['roster'];
  const base = '/api/v1/workspaces/:workspaceId/roster';
  const read = { access: { permission: 'inbox.read' as const } };
  const manage = { access: { permission: 'community.manage' as const } };

  app.get(`${base}/shifts`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(shiftSchema) }) } } }, async (req) =>
    ({ items: await listShifts(ctx.database.db, workspaceOf(req).id) }));
  app.post(`${base}/shifts`, { config: manage, schema: { tags, params: workspaceParamsSchema, body: shiftCreateSchema, response: { 201: shiftSchema } } }, async (req, reply) =>
    reply.code(201).send(await createShift(ctx, actorOf(req), workspaceOf(req).id, req.body)));
  app.put(`${base}/shifts/:shiftId`, { config: manage, schema: { tags, params: shiftParamsSchema, body: shiftCreateSchema, response: { 200: shiftSchema } } }, async (req) =>
    replaceShift(ctx, actorOf(req), workspaceOf(req).id, req.params.shiftId, req.body));
  app.delete(`${base}/shifts/:shiftId`, { config: manage, schema: { tags, params: shiftParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await deleteShift(ctx, actorOf(req), workspaceOf(req).id, req.params.shiftId);
    return { ok: true as const };
  });

  app.post(`${base}/absences`, { config: manage, schema: { tags, params: workspaceParamsSchema, body: absenceCreateSchema, response: { 201: absenceSchema } } }, async (req, reply) =>
    reply.code(201).send(await createAbsence(ctx, actorOf(req), workspaceOf(req).id, req.body)));
  app.delete(`${base}/absences/:absenceId`, { config: manage, schema: { tags, params: absenceParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await deleteAbsence(ctx, actorOf(req), workspaceOf(req).id, req.params.absenceId);
    return { ok: true as const };
  });

  app.get(`${base}/calendar`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: rosterRangeQuerySchema, response: { 200: rosterCalendarSchema } } }, async (req) =>
    rosterCalendar(ctx.database.db, workspaceOf(req).id, new Date(req.query.from), new Date(req.query.to)));
  app.get(`${base}/on-duty`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: onDutyQuerySchema, response: { 200: onDutySchema } } }, async (req) => {
    const at = req.query.at ? new Date(req.query.at) : ctx.clock.now();
    const ws = workspaceOf(req).id;
    const [onDuty, absent] = await Promise.all([whoIsOnDuty(ctx.database.db, ws, req.query.channelId ?? null, at), absentAt(ctx.database.db, ws, at)]);
    return { at: at.toISOString(), ...onDuty, absent: absent.map((a) => ({ ...a, until: a.until.toISOString() })) };
  });
}
