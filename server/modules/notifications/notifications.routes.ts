/** A member's own in-app notifications in a workspace: list (with the unread count) and mark read. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { notificationListQuerySchema, notificationListSchema, notificationReadSchema } from '../../../common/schemas/notifications.ts';
import { principalOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { listNotifications, markRead } from './notifications.repository.ts';

export function registerNotificationRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  const base = '/api/v1/workspaces/:workspaceId/notifications';
  // Everyone sees their own notices; the rows are filtered by the caller's user id.
  const own = { access: { permission: 'workspace.read' as const } };

  app.get(base, { config: own, schema: { tags, params: workspaceParamsSchema, querystring: notificationListQuerySchema, response: { 200: notificationListSchema } } }, async (req) =>
    listNotifications(ctx.database.db, workspaceOf(req).id, principalOf(req).userId, { unreadOnly: req.query.unread === 'true', limit: req.query.limit }));

  app.post(`${base}/read`, { config: own, schema: { tags, params: workspaceParamsSchema, body: notificationReadSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const user = principalOf(req).userId;
    const n = await markRead(ctx.database.db, ws, user, req.body.ids ?? null, ctx.clock.now());
    if (n > 0) await ctx.events.emit(ctx.database.db, { workspaceId: ws, type: 'notification.read', userIds: [user] });
    return { ok: true as const };
  });
}
