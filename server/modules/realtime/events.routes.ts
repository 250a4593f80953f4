/**
 * `GET /api/v1/workspaces/:workspaceId/events` — Server-Sent Events for one workspace. The access
 * layer already refused strangers (404) before the stream opens; each event is then filtered by its
 * permission and recipients against the connection's roles. Roles, session and token are re-checked
 * with every heartbeat, so a member who is removed or signs out stops receiving events within one
 * heartbeat interval.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, rolesCoveredBy, type Role } from '../../../common/permissions.ts';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { principalOf, workspaceOf, type Principal } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError } from '../../http/errors.ts';
import { apiTokens, sessions } from '../identity/identity.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import type { RealtimeEvent } from './event-bus.ts';

/** The roles the principal holds now, or null when the session/token/membership is gone. */
async function currentRoles(ctx: AppContext, p: Principal, workspaceId: string): Promise<Role[] | null> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  if (p.sessionIdHash) {
    const [s] = await db.select({ id: sessions.idHash }).from(sessions).where(and(eq(sessions.idHash, p.sessionIdHash), gt(sessions.expiresAt, now))).limit(1);
    if (!s) return null;
  }
  if (p.token) {
    const [t] = await db.select({ id: apiTokens.id }).from(apiTokens)
      .where(and(eq(apiTokens.id, p.token.id), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)))).limit(1);
    if (!t) return null;
  }
  const [m] = await db.select({ roles: memberships.roles }).from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, p.userId))).limit(1);
  if (!m) return null;
  return p.token ? rolesCoveredBy(p.token.roles, m.roles) : (m.roles as Role[]);
}

/** Whether a connection of `userId` with `roles` may see `e`. */
export function mayReceive(e: RealtimeEvent, userId: string, roles: readonly Role[]): boolean {
  if (e.userIds && !e.userIds.includes(userId)) return false;
  if (e.permission && !can(roles, e.permission)) return false;
  return true;
}

export function registerEventRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  // Open streams never become idle, so the server would wait for them forever on shutdown.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get('/api/v1/workspaces/:workspaceId/events', {
    config: { access: { permission: 'workspace.read' } },
    schema: {
      tags: ['realtime'],
      summary: 'Live events of a workspace (text/event-stream)',
      description: 'Server-Sent Events. Each event is a JSON hint in `data:` with its `type` (e.g. `inbox.item.created`) and ids; the first is `{"type":"ready"}`; clients refetch through the API. A comment line is sent as heartbeat.',
      params: workspaceParamsSchema,
    },
  }, async (req, reply) => {
    // Only EventSource-style clients get the stream; a plain JSON client gets a clear 406 instead of
    // a response that never ends.
    if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
      throw new HttpError(406, 'not_acceptable', 'This endpoint streams Server-Sent Events: send "Accept: text/event-stream" (EventSource does).');
    }
    const principal = principalOf(req);
    const workspaceId = workspaceOf(req).id;
    let roles: Role[] = workspaceOf(req).roles;
    let seq = 0;

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-request-id': req.id,
    });
    const write = (chunk: string) => {
      if (!res.writableEnded) res.write(chunk);
    };

    const unsubscribe = ctx.events.subscribe(workspaceId, (e) => {
      if (!mayReceive(e, principal.userId, roles)) return;
      seq += 1;
      // Unnamed SSE events (no `event:` line) all reach EventSource's onmessage; the type is in the data.
      write(`id: ${seq}\ndata: ${JSON.stringify({ ...(e.data ?? {}), type: e.type })}\n\n`);
    });
    const end = () => {
      open.delete(end);
      clearInterval(heartbeat);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    const heartbeat = setInterval(() => {
      currentRoles(ctx, principal, workspaceId)
        .then((r) => {
          if (!r) return end();
          roles = r;
          write(': heartbeat\n\n');
        })
        .catch(() => end());
    }, ctx.config.SSE_HEARTBEAT_MS);
    heartbeat.unref();
    open.add(end);
    req.raw.on('close', end);
    await ctx.events.listening().catch(() => undefined);
    // `ready` tells the client the subscription is live: everything committed after it arrives.
    write(`retry: 3000\ndata: {"type":"ready"}\n\n`);
  });
}
