import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { ROLE_NAMES, type Role } from '../../../common/permissions.ts';
import { randomToken, sha256 } from '../../crypto/secrets.ts';
import { actorOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, conflict, HttpError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { hashPassword } from '../identity/password.ts';
import { render } from '../mail/templates.ts';
import { invitations, memberships, workspaces } from './workspaces.schema.ts';

export const INVITATION_DAYS = 7;

/** Creates an invitation and mails its link; the link token is stored only as a hash. */
export async function invite(ctx: AppContext, req: FastifyRequest, workspaceId: string, email: string, roles: Role[]) {
  const { db } = ctx.database;
  const token = randomToken(32);
  const expiresAt = new Date(ctx.clock.now().getTime() + INVITATION_DAYS * 86_400_000);
  // The mail goes out inside the transaction: if it cannot be sent, no invitation is left behind
  // that nobody knows about.
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, email)));
    if (existing) throw conflict('already_member', `${email} is already a member of this workspace.`);
    // A new invitation replaces any open one for the same address.
    await tx.update(invitations).set({ revokedAt: ctx.clock.now() }).where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [inv] = await tx.insert(invitations).values({ workspaceId, email, roles, tokenHash: sha256(token), invitedBy: req.principal?.userId ?? null, expiresAt }).returning();
    await recordAudit(tx, actorOf(req), { workspaceId, action: 'invitation.created', objectType: 'invitation', objectId: inv!.id, after: { email, roles } });
    const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, req.principal!.userId));
    const mail = render('invitation', ws!.locale === 'en' ? 'en' : 'de', {
      workspace: ws!.name, inviter: inviter?.name ?? 'Resonanz', roles: roles.map((r) => ROLE_NAMES[r][ws!.locale === 'en' ? 'en' : 'de']).join(', '), link: `${ctx.config.publicUrl}/invitation?token=${token}`, days: INVITATION_DAYS,
    });
    try {
      await ctx.mailer.send({ to: email, ...mail });
    } catch (err) {
      req.log.warn({ err }, 'invitation mail failed');
      throw new HttpError(502, 'mail_delivery_failed', 'The invitation e-mail could not be sent, so no invitation was created. Check the SMTP settings and try again.');
    }
    return inv!;
  });
}

async function openInvitation(ctx: AppContext, token: string) {
  const [row] = await ctx.database.db
    .select({ inv: invitations, wsName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, ctx.clock.now())));
  if (!row) throw badRequest('invalid_invitation', 'The invitation is invalid, expired or already used.');
  return row;
}

export async function invitationInfo(ctx: AppContext, token: string) {
  const { inv, wsName } = await openInvitation(ctx, token);
  const [u] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
  return { email: inv.email, workspaceName: wsName, existingUser: Boolean(u) };
}

/**
 * Accepts an invitation: an existing account joins (it must be the signed-in user), a new one is
 * created with the given name and password. Returns the user id to sign in.
 */
export async function acceptInvitation(ctx: AppContext, req: FastifyRequest, input: { token: string; name?: string; password?: string }): Promise<string> {
  const { inv } = await openInvitation(ctx, input.token);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.database.db.transaction(async (tx) => {
    const spent = await tx.update(invitations).set({ acceptedAt: ctx.clock.now() }).where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt))).returning();
    if (spent.length === 0) throw badRequest('invalid_invitation', 'The invitation was already used.');
    let [u] = await tx.select().from(users).where(eq(users.email, inv.email));
    if (u) {
      if (req.principal?.userId !== u.id || req.principal.pendingTotp) throw badRequest('login_required', 'Sign in with the invited address first, then accept the invitation.');
    } else {
      if (!passwordHash || !input.name) {
        throw badRequest('account_details_required', 'Enter your name and a password to create your account.', [
          ...(!input.name ? [{ path: 'body.name', message: 'required' }] : []),
          ...(!passwordHash ? [{ path: 'body.password', message: 'required' }] : []),
        ]);
      }
      [u] = await tx.insert(users).values({ email: inv.email, name: input.name, passwordHash }).returning();
      await recordAudit(tx, { ...actorOf(req), userId: u!.id }, { workspaceId: inv.workspaceId, action: 'user.created', objectType: 'user', objectId: u!.id, after: { email: inv.email, name: input.name } });
    }
    await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId: u!.id, roles: inv.roles }).onConflictDoNothing();
    await recordAudit(tx, { ...actorOf(req), userId: u!.id }, { workspaceId: inv.workspaceId, action: 'member.joined', objectType: 'membership', objectId: u!.id, after: { roles: inv.roles } });
    return u!.id;
  });
}
