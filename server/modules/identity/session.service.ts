import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, sha256 } from '../../crypto/secrets.ts';
import { SESSION_COOKIE } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { sessions } from './identity.schema.ts';

/**
 * Starts a fresh session (rotation: any session the browser held is deleted first, so a fixated id
 * never becomes authenticated). Returns the new session's id hash.
 */
export async function startSession(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, userId: string, pendingTotp: boolean): Promise<string> {
  const old = req.cookies[SESSION_COOKIE];
  if (old) await ctx.database.db.delete(sessions).where(eq(sessions.idHash, sha256(old)));
  const id = randomToken(32);
  const idHash = sha256(id);
  const now = ctx.clock.now();
  // A half-authenticated session (password ok, TOTP pending) lives only 10 minutes.
  const ttlMs = pendingTotp ? 10 * 60_000 : ctx.config.SESSION_TTL_HOURS * 3_600_000;
  const expiresAt = new Date(now.getTime() + ttlMs);
  await ctx.database.db.insert(sessions).values({
    idHash, userId, pendingTotp, expiresAt, createdAt: now, lastSeenAt: now, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
  });
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secure, expires: expiresAt,
  });
  return idHash;
}

export async function endSession(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const sid = req.cookies[SESSION_COOKIE];
  if (sid) await ctx.database.db.delete(sessions).where(eq(sessions.idHash, sha256(sid)));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
