import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { randomToken, sha256 } from '../../crypto/secrets.ts';
import { actorOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, conflict, tooMany, unauthorized } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { render } from '../mail/templates.ts';
import { createOrganisation, createWorkspace } from '../workspaces/workspace.service.ts';
import { passwordResets, recoveryCodes, sessions, users } from './identity.schema.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { totpStep } from './totp.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export async function needsSetup(ctx: AppContext): Promise<boolean> {
  const r = await ctx.database.pool.query('SELECT EXISTS (SELECT 1 FROM users) AS e');
  return !r.rows[0].e;
}

/** Only while no user exists: creates the owner, their organisation and first workspace. */
export async function signupFirstOwner(
  ctx: AppContext,
  req: FastifyRequest,
  input: { email: string; name: string; password: string; organisationName: string; workspaceName: string; locale: 'de' | 'en' },
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return ctx.database.db.transaction(async (tx) => {
    // Serialise concurrent sign-ups so exactly one becomes the first owner.
    await tx.execute(sql`LOCK TABLE users IN EXCLUSIVE MODE`);
    const any = await tx.execute(sql`SELECT 1 FROM users LIMIT 1`);
    if (any.rows.length > 0) throw conflict('setup_done', 'Resonanz is already set up. Ask an owner for an invitation.');
    const [u] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash, locale: input.locale }).returning();
    const actor = { ...actorOf(req), userId: u!.id };
    await recordAudit(tx, actor, { workspaceId: null, action: 'user.created', objectType: 'user', objectId: u!.id, after: { email: u!.email, name: u!.name } });
    const org = await createOrganisation(tx, actor, input.organisationName);
    await createWorkspace(tx, actor, { organisationId: org.id, name: input.workspaceName, locale: input.locale, timezone: 'Europe/Berlin', ownerId: u!.id });
    return u!.id;
  });
}

/** Password check with lockout after MAX_FAILED_LOGINS failures; same error for unknown e-mail and wrong password. */
export async function login(ctx: AppContext, req: FastifyRequest, email: string, password: string) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (u?.lockedUntil && u.lockedUntil > now) {
    throw tooMany('Too many failed sign-in attempts. The account is locked for a few minutes.', Math.ceil((u.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  const ok = await verifyPassword(u?.passwordHash ?? null, password);
  if (!u || !ok) {
    if (u) {
      const failed = u.failedLogins + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null }).where(eq(users.id, u.id));
        if (lock) await recordAudit(tx, { ...actorOf(req), userId: null }, { workspaceId: null, action: 'user.locked', objectType: 'user', objectId: u.id });
      });
    }
    throw unauthorized('invalid_credentials', 'E-mail or password is wrong.');
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
    await recordAudit(tx, { ...actorOf(req), userId: u.id }, { workspaceId: null, action: 'user.login', objectType: 'user', objectId: u.id });
  });
  return u;
}

/** Second factor: a TOTP code or an unused recovery code (which is then spent). */
export async function completeTotp(ctx: AppContext, req: FastifyRequest, userId: string, code: string): Promise<void> {
  const { db } = ctx.database;
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u?.totpEnabled || !u.totpSecretSealed) throw badRequest('totp_not_enabled', 'Two-factor authentication is not enabled.');
  const secret = ctx.secrets.open(u.totpSecretSealed);
  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
    const step = totpStep(secret, code, ctx.clock.now());
    // Spend the step atomically: the same code (or an older one) is refused the second time.
    if (step !== null) {
      const spent = await db.update(users).set({ totpLastStep: step })
        .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step)))).returning({ id: users.id });
      if (spent.length === 1) return;
      throw unauthorized('totp_reused', 'This code was already used. Wait for the next code of your authenticator app.');
    }
  }
  const normalised = code.trim().toLowerCase();
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: ctx.clock.now() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, sha256(normalised)), isNull(recoveryCodes.usedAt)))
    .returning();
  if (spent.length === 0) throw unauthorized('invalid_totp', 'The code is wrong or expired.');
  await db.transaction((tx) => recordAudit(tx, { ...actorOf(req), userId }, { workspaceId: null, action: 'user.recovery_code_used', objectType: 'user', objectId: userId }));
}

export async function requestPasswordReset(ctx: AppContext, req: FastifyRequest, email: string): Promise<void> {
  const { db } = ctx.database;
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) return;
  const token = randomToken(32);
  await db.insert(passwordResets).values({ tokenHash: sha256(token), userId: u.id, expiresAt: new Date(ctx.clock.now().getTime() + 3_600_000) });
  const mail = render('passwordReset', u.locale === 'en' ? 'en' : 'de', { name: u.name, link: `${ctx.config.publicUrl}/reset-password?token=${token}` });
  await ctx.mailer.send({ to: u.email, ...mail });
  req.log.info({ userId: u.id }, 'password reset requested');
}

/** Sets the new password, spends the token and ends every session of the user. */
export async function resetPassword(ctx: AppContext, req: FastifyRequest, token: string, password: string): Promise<void> {
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(password);
  await ctx.database.db.transaction(async (tx) => {
    const [r] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning();
    if (!r) throw badRequest('invalid_reset_token', 'The link is invalid or expired. Request a new one.');
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, r.userId));
    await tx.delete(sessions).where(eq(sessions.userId, r.userId));
    await recordAudit(tx, { ...actorOf(req), userId: r.userId }, { workspaceId: null, action: 'user.password_reset', objectType: 'user', objectId: r.userId });
  });
}
