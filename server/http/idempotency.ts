/**
 * `Idempotency-Key` for POSTs that create things: the first response for (principal, key) is
 * stored and replayed for a retry with the same body; the same key with another body is a 422,
 * and a retry while the first request still runs is a 409.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../common/limits.ts';
import type { AppContext } from './context.ts';
import { conflict, badRequest, unprocessable } from './errors.ts';
import { idempotencyKeys } from './idempotency.schema.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
  }
}

export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx.database;
  app.decorateRequest('idempotency', null);

  // Runs after access (registered later in the same preHandler chain) so the principal is known.
  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined || !req.principal) return;
    if (typeof key !== 'string' || key.length === 0 || key.length > LIMITS.idempotencyKey) {
      throw badRequest('invalid_idempotency_key', `Idempotency-Key must be 1–${LIMITS.idempotencyKey} characters.`);
    }
    const principal = req.principal.token ? `token:${req.principal.token.id}` : `user:${req.principal.userId}`;
    const path = req.url;
    const requestHash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ principal, key, method: req.method, path, requestHash })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      const [prev] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
      if (!prev) return;
      if (prev.requestHash !== requestHash || prev.path !== path) {
        throw unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
      }
      if (prev.status === null) throw conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.');
      reply.header('idempotent-replayed', 'true');
      return reply.code(prev.status).send(prev.response);
    }
    req.idempotency = { principal, key };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency) return payload;
    const { principal, key } = req.idempotency;
    if (reply.statusCode >= 500) {
      // A failed attempt may be retried with the same key.
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
      return payload;
    }
    let body: unknown = null;
    try {
      body = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      body = payload;
    }
    await db
      .update(idempotencyKeys)
      .set({ status: reply.statusCode, response: body })
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    return payload;
  });
}
