/**
 * The demo workspace, created once on first start (idempotent: a second start finds it and only
 * reports the login). Later modules add their demo data through `demoSeeders`.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { randomToken } from '../crypto/secrets.ts';
import type { Tx } from '../db/client.ts';
import type { AppContext } from '../http/context.ts';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit/audit.service.ts';
import { users } from '../modules/identity/identity.schema.ts';
import { hashPassword } from '../modules/identity/password.ts';
import { createOrganisation, createWorkspace } from '../modules/workspaces/workspace.service.ts';
import { memberships } from '../modules/workspaces/workspaces.schema.ts';
import { seedPublishing } from '../modules/publishing/publishing.seed.ts';
import { DEMO_EMAIL, DEMO_ORGANISATION, DEMO_TEAM, DEMO_WORKSPACES } from './demo-team.ts';
import { seedStrategyDemo } from '../modules/strategy/strategy.seed.ts';
import { seedEnablementDemo } from '../modules/enablement/enablement.seed.ts';
import { seedListeningDemo } from '../modules/listening/listening.seed.ts';
import { seedReportingDemo } from '../modules/reporting/reporting.seed.ts';
import { seedRosterDemo } from '../modules/roster/roster.seed.ts';
import { seedModerationDemo } from '../modules/moderation/moderation.seed.ts';
import { seedCrisisDemo } from '../modules/crisis/crisis.seed.ts';
import { seedInboxDemo } from '../modules/inbox/inbox.seed.ts';

export interface DemoSeedContext {
  tx: Tx;
  workspaceId: string;
  userIds: Record<string, string>;
  /** For seeders that write files (the media library's demo images); without it they skip files. */
  config?: AppContext['config'];
}
/** Module seeders run in order inside the seed transaction (publishing, inbox, strategy … add theirs). */
export const demoSeeders: ((c: DemoSeedContext) => Promise<void>)[] = [seedPublishing];
demoSeeders.push(seedStrategyDemo, seedEnablementDemo);
demoSeeders.push(seedListeningDemo);
// After listening: the listening KPIs of the last weeks come from the demo mentions.
demoSeeders.push(seedReportingDemo);
// After listening: the crisis playbooks trigger on the organisation's listening query.
demoSeeders.push(seedCrisisDemo);

demoSeeders.push(seedInboxDemo);

// Last: the roster and the moderation record build on the channels and on the inbox seeder's items.
demoSeeders.push(seedRosterDemo, seedModerationDemo);

function demoPassword(ctx: AppContext): string {
  if (ctx.config.DEMO_PASSWORD) return ctx.config.DEMO_PASSWORD;
  const file = join(ctx.config.dataDir, 'demo-password.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(ctx.config.dataDir, { recursive: true });
  const pw = `demo-${randomToken(9)}`;
  writeFileSync(file, pw, { mode: 0o600 });
  return pw;
}

export async function seedDemo(ctx: AppContext): Promise<{ email: string; password: string; created: boolean }> {
  const password = demoPassword(ctx);
  const { db } = ctx.database;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
  if (existing) return { email: DEMO_EMAIL, password, created: false };
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const userIds: Record<string, string> = {};
    for (const m of DEMO_TEAM) {
      const [u] = await tx.insert(users).values({ email: m.email, name: m.name, passwordHash, locale: m.locale }).returning();
      userIds[m.email] = u!.id;
      await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: null, action: 'user.created', objectType: 'user', objectId: u!.id, after: { email: m.email, name: m.name } });
    }
    const org = await createOrganisation(tx, SYSTEM_ACTOR, DEMO_ORGANISATION);
    const [main, agency] = DEMO_WORKSPACES;
    const ws = await createWorkspace(tx, SYSTEM_ACTOR, { organisationId: org.id, ...main, ownerId: userIds[DEMO_EMAIL]! });
    for (const m of DEMO_TEAM.slice(1)) {
      await tx.insert(memberships).values({ workspaceId: ws.id, userId: userIds[m.email]!, roles: m.roles });
      await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: ws.id, action: 'member.joined', objectType: 'membership', objectId: userIds[m.email]!, after: { roles: m.roles } });
    }
    await createWorkspace(tx, SYSTEM_ACTOR, { organisationId: org.id, ...agency, ownerId: userIds[DEMO_EMAIL]! });
    for (const seed of demoSeeders) await seed({ tx, workspaceId: ws.id, userIds, config: ctx.config });
  });
  ctx.log.info('demo workspace created');
  return { email: DEMO_EMAIL, password, created: true };
}
