import { eq } from 'drizzle-orm';
import { ROLES, type Role } from '../../../common/permissions.ts';
import { passwordSchema } from '../../../common/schemas/auth.ts';
import { emailSchema } from '../../../common/schemas/common.ts';
import { loadConfig } from '../../config.ts';
import { randomToken } from '../../crypto/secrets.ts';
import { openDatabase } from '../../db/open.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { users } from './identity.schema.ts';
import { hashPassword } from './password.ts';

/** `resonanz user create --email … [--workspace slug --roles owner,admin]`. */
export async function userCreateCommand(opts: { email: string; name?: string; password?: string; workspace?: string; roles: string }): Promise<number> {
  const email = emailSchema.safeParse(opts.email);
  if (!email.success) {
    console.error(`error: --email "${opts.email}" is not a valid e-mail address`);
    return 2;
  }
  const roles = opts.roles.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length) {
    console.error(`error: --roles: unknown role(s) ${bad.join(', ')}; known: ${ROLES.join(', ')}`);
    return 2;
  }
  const password = opts.password ?? randomToken(12);
  if (!passwordSchema.safeParse(password).success) {
    console.error('error: --password must be 10 to 200 characters');
    return 2;
  }
  const handle = await openDatabase(loadConfig(), { log: () => undefined });
  try {
    const passwordHash = await hashPassword(password);
    return await handle.database.db.transaction(async (tx) => {
      const [dupe] = await tx.select().from(users).where(eq(users.email, email.data));
      if (dupe) {
        console.error(`error: a user with e-mail ${email.data} exists already`);
        return 1;
      }
      const [u] = await tx.insert(users).values({ email: email.data, name: opts.name ?? email.data.split('@')[0]!, passwordHash }).returning();
      await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: null, action: 'user.created', objectType: 'user', objectId: u!.id, after: { email: u!.email } });
      if (opts.workspace) {
        const [ws] = await tx.select().from(workspaces).where(eq(workspaces.slug, opts.workspace));
        if (!ws) {
          console.error(`error: --workspace: no workspace with slug "${opts.workspace}"`);
          tx.rollback();
        }
        await tx.insert(memberships).values({ workspaceId: ws!.id, userId: u!.id, roles: roles as Role[] });
        await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: ws!.id, action: 'member.joined', objectType: 'membership', objectId: u!.id, after: { roles } });
      }
      console.log(`created ${u!.email}${opts.password ? '' : ` with password ${password}`}`);
      return 0;
    });
  } catch (e) {
    if (e instanceof Error && e.message === 'Rollback') return 1;
    throw e;
  } finally {
    await handle.close();
  }
}
