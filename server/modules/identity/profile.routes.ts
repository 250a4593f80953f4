import { and, eq, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  passwordChangeSchema, profileUpdateSchema, recoveryCodesSchema, totpDisableSchema, totpEnableSchema, totpSetupSchema,
} from '../../../common/schemas/auth.ts';
import { okSchema } from '../../../common/schemas/common.ts';
import { sha256 } from '../../crypto/secrets.ts';
import { actorOf, principalOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, forbidden, notFound, unauthorized } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recoveryCodes, sessions, users } from './identity.schema.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { checkTotp, newRecoveryCodes, newTotpSecret, otpauthUrlAndQr } from './totp.ts';

/** The signed-in user's own account: name, language, password, two-factor authentication. */
export function registerProfileRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['profile'];
  const sessionOnly = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    // Account security is changed in the browser, never with an API token.
    if (p.token) throw forbidden('session_required', 'This action needs a browser session, not an API token.');
    return p;
  };
  const loadUser = async (id: string) => {
    const [u] = await db.select().from(users).where(eq(users.id, id));
    if (!u) throw notFound('user');
    return u;
  };

  app.patch('/api/v1/profile', { config: { access: { user: true } }, schema: { tags, body: profileUpdateSchema, response: { 200: okSchema } } }, async (req) => {
    const p = principalOf(req);
    // An empty patch changes nothing (and an UPDATE without columns is not valid SQL).
    if (Object.keys(req.body).length === 0) return { ok: true as const };
    await db.transaction(async (tx) => {
      const [before] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, p.userId));
      const [after] = await tx.update(users).set(req.body).where(eq(users.id, p.userId)).returning({ name: users.name, locale: users.locale });
      await recordAudit(tx, actorOf(req), { workspaceId: null, action: 'user.updated', objectType: 'user', objectId: p.userId, before, after });
    });
    return { ok: true as const };
  });

  app.post('/api/v1/profile/password', { config: { access: { user: true } }, schema: { tags, body: passwordChangeSchema, response: { 200: okSchema } } }, async (req) => {
    const p = sessionOnly(req);
    const u = await loadUser(p.userId);
    if (!(await verifyPassword(u.passwordHash, req.body.currentPassword))) throw unauthorized('invalid_credentials', 'The current password is wrong.');
    const passwordHash = await hashPassword(req.body.newPassword);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, u.id));
      // Other sessions end: a changed password must lock out whoever knew the old one.
      await tx.delete(sessions).where(and(eq(sessions.userId, u.id), ne(sessions.idHash, p.sessionIdHash ?? '')));
      await recordAudit(tx, actorOf(req), { workspaceId: null, action: 'user.password_changed', objectType: 'user', objectId: u.id });
    });
    return { ok: true as const };
  });

  app.post('/api/v1/profile/totp/setup', { config: { access: { user: true } }, schema: { tags, response: { 200: totpSetupSchema } } }, async (req) => {
    const p = sessionOnly(req);
    const u = await loadUser(p.userId);
    if (u.totpEnabled) throw badRequest('totp_already_enabled', 'Two-factor authentication is already enabled.');
    const secret = newTotpSecret();
    await db.update(users).set({ totpSecretSealed: ctx.secrets.seal(secret) }).where(eq(users.id, u.id));
    const { url, svg } = await otpauthUrlAndQr(secret, u.email);
    return { secret, otpauthUrl: url, qrSvg: svg };
  });

  app.post('/api/v1/profile/totp/enable', { config: { access: { user: true } }, schema: { tags, body: totpEnableSchema, response: { 200: recoveryCodesSchema } } }, async (req) => {
    const p = sessionOnly(req);
    const u = await loadUser(p.userId);
    if (u.totpEnabled) throw badRequest('totp_already_enabled', 'Two-factor authentication is already enabled.');
    if (!u.totpSecretSealed) throw badRequest('totp_not_set_up', 'Start the set-up first.');
    if (!checkTotp(ctx.secrets.open(u.totpSecretSealed), req.body.code, ctx.clock.now())) {
      throw badRequest('invalid_totp', 'The code is wrong. Check the time on your phone and try again.', [{ path: 'body.code', message: 'wrong code' }]);
    }
    const codes = newRecoveryCodes();
    await db.transaction(async (tx) => {
      await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, u.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
      await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: u.id, codeHash: sha256(c) })));
      await recordAudit(tx, actorOf(req), { workspaceId: null, action: 'user.totp_enabled', objectType: 'user', objectId: u.id });
    });
    return { recoveryCodes: codes };
  });

  app.post('/api/v1/profile/totp/disable', { config: { access: { user: true } }, schema: { tags, body: totpDisableSchema, response: { 200: okSchema } } }, async (req) => {
    const p = sessionOnly(req);
    const u = await loadUser(p.userId);
    if (!(await verifyPassword(u.passwordHash, req.body.password))) throw unauthorized('invalid_credentials', 'The password is wrong.');
    await db.transaction(async (tx) => {
      await tx.update(users).set({ totpEnabled: false, totpSecretSealed: null }).where(eq(users.id, u.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
      await recordAudit(tx, actorOf(req), { workspaceId: null, action: 'user.totp_disabled', objectType: 'user', objectId: u.id });
    });
    return { ok: true as const };
  });

  app.post('/api/v1/profile/recovery-codes', { config: { access: { user: true } }, schema: { tags, response: { 200: recoveryCodesSchema } } }, async (req) => {
    const p = sessionOnly(req);
    const u = await loadUser(p.userId);
    if (!u.totpEnabled) throw badRequest('totp_not_enabled', 'Enable two-factor authentication first.');
    const codes = newRecoveryCodes();
    await db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
      await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: u.id, codeHash: sha256(c) })));
      await recordAudit(tx, actorOf(req), { workspaceId: null, action: 'user.recovery_codes_regenerated', objectType: 'user', objectId: u.id });
    });
    return { recoveryCodes: codes };
  });
}
