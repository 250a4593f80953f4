/**
 * The personal acknowledgement link of a crisis call (sent by e-mail): shows what it is about and
 * acknowledges on a POST — never on the GET, so mail scanners that follow links do not acknowledge
 * for the person. The token is the proof (only its hash is stored); no sign-in needed.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sha256 } from '../../crypto/secrets.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { users } from '../identity/identity.schema.ts';
import { crises, crisisContacts } from './crisis.schema.ts';
import { acknowledgeByToken } from './contact-chain.ts';

const params = z.object({ token: z.string().regex(/^[\w-]{20,100}$/) });
const result = z.object({ crisisId: z.uuid(), title: z.string(), drill: z.boolean(), name: z.string(), acknowledgedAt: z.string().nullable() });
const RATE = { max: 30, timeWindow: '1 minute' };

export function registerAckRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['crisis'];

  app.get('/api/v1/crisis-acks/:token', { config: { access: { public: true }, rateLimit: RATE }, schema: { tags, params, response: { 200: result } } }, async (req) => {
    const [row] = await db.select({ k: crisisContacts, title: crises.title, drill: crises.drill, name: users.name }).from(crisisContacts)
      .innerJoin(crises, eq(crises.id, crisisContacts.crisisId)).innerJoin(users, eq(users.id, crisisContacts.userId))
      .where(eq(crisisContacts.ackTokenHash, sha256(req.params.token)));
    if (!row) throw notFound('acknowledgement link');
    return { crisisId: row.k.crisisId, title: row.title, drill: row.drill, name: row.name, acknowledgedAt: row.k.acknowledgedAt?.toISOString() ?? null };
  });

  app.post('/api/v1/crisis-acks/:token', { config: { access: { public: true }, rateLimit: RATE }, schema: { tags, params, response: { 200: result } } }, async (req) => {
    const r = await db.transaction((tx) => acknowledgeByToken(tx, ctx, req.params.token, { requestId: req.id, ip: req.ip }, ctx.clock.now()));
    return { ...r, acknowledgedAt: r.acknowledgedAt.toISOString() };
  });
}
