/**
 * Guidelines and training routes. Reading, acknowledging and taking quizzes need only
 * `guidelines.read` (every role, `employee` included); authoring and the "who has not" lists
 * need `guidelines.write`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../common/permissions.ts';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  acknowledgementStatusSchema, attemptInputSchema, attemptResultSchema, guidelineAcknowledgeSchema, guidelineCreateSchema, guidelineParamsSchema,
  guidelinePublishSchema, guidelineSchema, guidelineUpdateSchema, guidelineVersionSchema, trainingCompletionSchema, trainingCreateSchema,
  trainingParamsSchema, trainingSchema, trainingUpdateSchema,
} from '../../../common/schemas/enablement.ts';
import { actorOf, principalOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { registerEnablementReadinessChecks } from './enablement.readiness.ts';
import * as g from './guidelines.service.ts';
import * as t from './trainings.service.ts';

const editorOf = (req: FastifyRequest) => can(workspaceOf(req).roles, 'guidelines.write');
const me = (req: FastifyRequest) => ({ ...actorOf(req), userId: principalOf(req).userId });

export function registerEnablementRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  registerEnablementReadinessChecks();
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const read = { access: { permission: 'guidelines.read' as const } };
  const write = { access: { permission: 'guidelines.write' as const } };
  const G = '/api/v1/workspaces/:workspaceId/guidelines';
  const T = '/api/v1/workspaces/:workspaceId/trainings';
  const gt = ['guidelines'];
  const tt = ['training'];
  const tx = db.transaction.bind(db);

  app.get(G, { config: read, schema: { tags: gt, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(guidelineSchema) }) } } }, async (req) => ({
    items: await g.listGuidelines(db, workspaceOf(req).id, principalOf(req).userId, editorOf(req)),
  }));
  app.post(G, { config: write, schema: { tags: gt, params: workspaceParamsSchema, body: guidelineCreateSchema, response: { 201: guidelineSchema } } }, async (req, reply) =>
    reply.code(201).send(await tx((x) => g.createGuideline(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.body))),
  );
  app.get(`${G}/:guidelineId`, { config: read, schema: { tags: gt, params: guidelineParamsSchema, response: { 200: guidelineSchema } } }, async (req) =>
    g.getGuideline(db, workspaceOf(req).id, req.params.guidelineId, principalOf(req).userId, editorOf(req)),
  );
  app.patch(`${G}/:guidelineId`, { config: write, schema: { tags: gt, params: guidelineParamsSchema, body: guidelineUpdateSchema, response: { 200: guidelineSchema } } }, async (req) =>
    tx((x) => g.updateGuideline(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.params.guidelineId, req.body)),
  );
  app.delete(`${G}/:guidelineId`, { config: write, schema: { tags: gt, params: guidelineParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await tx((x) => g.deleteGuideline(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.params.guidelineId));
    return { ok: true as const };
  });
  app.post(`${G}/:guidelineId/publish`, { config: write, schema: { tags: gt, params: guidelineParamsSchema, body: guidelinePublishSchema, response: { 200: guidelineSchema } } }, async (req) =>
    tx((x) => g.publishGuideline(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.params.guidelineId, req.body.changeNote)),
  );
  app.get(`${G}/:guidelineId/versions`, { config: read, schema: { tags: gt, params: guidelineParamsSchema, response: { 200: z.object({ items: z.array(guidelineVersionSchema) }) } } }, async (req) => ({
    items: await g.listGuidelineVersions(db, workspaceOf(req).id, req.params.guidelineId, editorOf(req)),
  }));
  app.post(`${G}/:guidelineId/acknowledge`, { config: read, schema: { tags: gt, params: guidelineParamsSchema, body: guidelineAcknowledgeSchema, response: { 200: guidelineSchema } } }, async (req) =>
    tx((x) => g.acknowledgeGuideline(x, ctx.clock, me(req), workspaceOf(req).id, req.params.guidelineId, req.body.version)),
  );
  app.get(`${G}/:guidelineId/acknowledgements`, { config: write, schema: { tags: gt, params: guidelineParamsSchema, response: { 200: acknowledgementStatusSchema } } }, async (req) =>
    g.acknowledgementStatus(db, workspaceOf(req).id, req.params.guidelineId),
  );

  app.get(T, { config: read, schema: { tags: tt, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(trainingSchema) }) } } }, async (req) => ({
    items: (await t.listTrainings(db, workspaceOf(req).id, principalOf(req).userId, editorOf(req))) as never[],
  }));
  app.post(T, { config: write, schema: { tags: tt, params: workspaceParamsSchema, body: trainingCreateSchema, response: { 201: trainingSchema } } }, async (req, reply) =>
    reply.code(201).send((await tx((x) => t.createTraining(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.body))) as never),
  );
  app.get(`${T}/:trainingId`, { config: read, schema: { tags: tt, params: trainingParamsSchema, response: { 200: trainingSchema } } }, async (req) =>
    (await t.getTraining(db, workspaceOf(req).id, req.params.trainingId, principalOf(req).userId, editorOf(req))) as never,
  );
  app.patch(`${T}/:trainingId`, { config: write, schema: { tags: tt, params: trainingParamsSchema, body: trainingUpdateSchema, response: { 200: trainingSchema } } }, async (req) =>
    (await tx((x) => t.updateTraining(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.params.trainingId, req.body))) as never,
  );
  app.delete(`${T}/:trainingId`, { config: write, schema: { tags: tt, params: trainingParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await tx((x) => t.deleteTraining(x, ctx.clock, actorOf(req), workspaceOf(req).id, req.params.trainingId));
    return { ok: true as const };
  });
  app.post(`${T}/:trainingId/attempts`, { config: read, schema: { tags: tt, params: trainingParamsSchema, body: attemptInputSchema, response: { 201: attemptResultSchema } } }, async (req, reply) =>
    reply.code(201).send(await tx((x) => t.submitAttempt(x, ctx.clock, me(req), workspaceOf(req).id, req.params.trainingId, req.body.answers))),
  );
  app.get(`${T}/:trainingId/completion`, { config: write, schema: { tags: tt, params: trainingParamsSchema, response: { 200: trainingCompletionSchema } } }, async (req) =>
    t.trainingCompletion(db, workspaceOf(req).id, req.params.trainingId),
  );
}
