/**
 * Authentication and authorisation for every route, deny by default. Each API route declares its
 * access in `config.access`; a route without one is refused at registration time, so a forgotten
 * check cannot ship. Workspace-scoped routes resolve membership first: a foreign workspace id is a
 * 404 (we do not confirm that it exists), a missing permission a 403.
 */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, rolesCoveredBy, type Permission, type Role } from '../../common/permissions.ts';
import { sha256 } from '../crypto/secrets.ts';
import { apiTokens, sessions } from '../modules/identity/identity.schema.ts';
import { memberships } from '../modules/workspaces/workspaces.schema.ts';
import type { AppContext } from './context.ts';
import { forbidden, notFound, unauthorized } from './errors.ts';

export type Access =
  | { public: true }
  /** Any signed-in user; `pendingTotp` admits a session that still owes its second factor. */
  | { user: true; pendingTotp?: boolean }
  /** A member of `:workspaceId` holding a role that grants `permission`. */
  | { permission: Permission };

export interface Principal {
  userId: string;
  sessionIdHash: string | null;
  pendingTotp: boolean;
  token: { id: string; workspaceId: string; roles: Role[] } | null;
}

export interface WorkspaceAccess {
  id: string;
  roles: Role[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    workspace: WorkspaceAccess | null;
  }
}

export const SESSION_COOKIE = 'rz_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfTokenFor(ctx: AppContext, sessionIdHash: string): string {
  return ctx.secrets.mac('csrf', sessionIdHash);
}

/**
 * The two lookups every signed-in request makes, as prepared statements: built once per database
 * instead of per request (the query builder was the largest part of a request's own CPU time under
 * the inbox benchmark), planned once per connection by PostgreSQL.
 */
function prepareLookups(db: AppContext['database']['db']) {
  return {
    session: db.select({ userId: sessions.userId, pendingTotp: sessions.pendingTotp, lastSeenAt: sessions.lastSeenAt }).from(sessions)
      .where(and(eq(sessions.idHash, sql.placeholder('idHash')), gt(sessions.expiresAt, sql.placeholder('now')))).limit(1).prepare('access_session'),
    membership: db.select({ roles: memberships.roles }).from(memberships)
      .where(and(eq(memberships.workspaceId, sql.placeholder('workspaceId')), eq(memberships.userId, sql.placeholder('userId')))).limit(1).prepare('access_membership'),
  };
}
const lookups = new WeakMap<object, ReturnType<typeof prepareLookups>>();
function lookupsOf(ctx: AppContext): ReturnType<typeof prepareLookups> {
  let l = lookups.get(ctx.database.db);
  if (!l) lookups.set(ctx.database.db, (l = prepareLookups(ctx.database.db)));
  return l;
}

async function resolvePrincipal(ctx: AppContext, req: FastifyRequest): Promise<Principal | null> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const hash = sha256(auth.slice(7).trim());
    const [t] = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
      .limit(1);
    if (!t) throw unauthorized('invalid_token', 'The API token is invalid, expired or revoked.');
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
    return { userId: t.userId, sessionIdHash: null, pendingTotp: false, token: { id: t.id, workspaceId: t.workspaceId, roles: t.roles as Role[] } };
  }
  const sid = req.cookies[SESSION_COOKIE];
  if (!sid) return null;
  const idHash = sha256(sid);
  const [s] = await lookupsOf(ctx).session.execute({ idHash, now });
  if (!s) return null;
  // Refresh last-seen at most once a minute to keep reads cheap.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  return { userId: s.userId, sessionIdHash: idHash, pendingTotp: s.pendingTotp, token: null };
}

/** Roles of the principal in a workspace: membership roles, narrowed by an API token's scope. */
async function resolveWorkspace(ctx: AppContext, p: Principal, workspaceId: string): Promise<WorkspaceAccess | null> {
  if (p.token && p.token.workspaceId !== workspaceId) return null;
  const [m] = await lookupsOf(ctx).membership.execute({ workspaceId, userId: p.userId });
  if (!m) return null;
  const roles = p.token ? rolesCoveredBy(p.token.roles, m.roles) : (m.roles as Role[]);
  return { id: workspaceId, roles };
}

/** One route's declared access rule, as registered (`url` in Fastify form: `/api/v1/x/:id`). */
export interface DeclaredAccess {
  method: string;
  url: string;
  access: Access;
}
const declaredByApp = new WeakMap<FastifyInstance, DeclaredAccess[]>();

/**
 * Read-only view of the access rule every route declared, for tests derived from the route table
 * (permission matrix, isolation). Empty for an app that did not go through `registerAccess`.
 */
export function declaredAccess(app: FastifyInstance): readonly DeclaredAccess[] {
  return declaredByApp.get(app) ?? [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerAccess(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('workspace', null);

  const declared: DeclaredAccess[] = [];
  declaredByApp.set(app, declared);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule (deny by default).`);
    }
    const access = route.config?.access;
    if (!access) return;
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
  });

  // preValidation: who may call a route is decided before its input is validated, so a stranger
  // learns nothing about a route's schema and gets the same 401/404 for every request.
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    if ('public' in access) {
      req.principal = await resolvePrincipal(ctx, req).catch(() => null);
      return;
    }
    const p = await resolvePrincipal(ctx, req);
    if (!p) throw unauthorized();
    if (p.pendingTotp && !('user' in access && access.pendingTotp)) throw unauthorized('totp_required', 'Enter the code of your authenticator app.');
    // CSRF: a cookie-authenticated state change must carry the token bound to its session.
    if (p.sessionIdHash && UNSAFE.has(req.method)) {
      const given = req.headers['x-csrf-token'];
      if (typeof given !== 'string' || !ctx.secrets.verifyMac('csrf', p.sessionIdHash, given)) {
        throw forbidden('csrf_failed', 'The request lacks a valid CSRF token. Reload the page and try again.');
      }
    }
    req.principal = p;
    if ('permission' in access) {
      const wsId = (req.params as Record<string, string | undefined>).workspaceId ?? (req.query as Record<string, string | undefined>).workspaceId;
      if (!wsId || !UUID.test(wsId)) throw notFound('workspace');
      const ws = await resolveWorkspace(ctx, p, wsId);
      if (!ws) throw notFound('workspace');
      if (!can(ws.roles, access.permission)) throw forbidden();
      req.workspace = ws;
    }
  });
}

/** The user behind a request that passed `access` (throws if used on a public route without login). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}
export function workspaceOf(req: FastifyRequest): WorkspaceAccess {
  if (!req.workspace) throw notFound('workspace');
  return req.workspace;
}
export function actorOf(req: FastifyRequest) {
  return { userId: req.principal?.userId ?? null, tokenId: req.principal?.token?.id ?? null, requestId: req.id, ip: req.ip };
}
