/**
 * The expert's link (no account): GET shows the question, POST answers once. A spent link is a
 * 409, an expired or withdrawn one a 410, an unknown one a 404 — each with a message the expert
 * page shows as it is. Public routes, rate-limited like the rest of the API.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okSchema } from '../../../common/schemas/common.ts';
import { expertAnswerSchema, expertParamsSchema, expertViewSchema } from '../../../common/schemas/inbox.ts';
import type { AppContext } from '../../http/context.ts';
import { answerEscalation, expertView } from './escalation.service.ts';

export function registerExpertRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['inbox'];
  app.get('/api/v1/expert/:token', { config: { access: { public: true } }, schema: { tags, params: expertParamsSchema, response: { 200: expertViewSchema } } }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return expertView(db, req.params.token, ctx.clock.now());
  });
  app.post('/api/v1/expert/:token/answer', { config: { access: { public: true } }, schema: { tags, params: expertParamsSchema, body: expertAnswerSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction((tx) => answerEscalation(tx, ctx, req.params.token, req.body.answer, req.ip));
    return { ok: true as const };
  });
}
