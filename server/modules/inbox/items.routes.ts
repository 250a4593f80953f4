/** HTTP routes: the inbox list, the conversation view and the commands on one item. */
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  conversationSchema, escalationCreateSchema, escalationParamsSchema, escalationSchema, itemListQuerySchema, itemPageSchema, itemParamsSchema, itemSchema,
  itemUpdateSchema, noteCreateSchema, noteSchema, presenceResultSchema, presenceSchema, replyCreateSchema, replySchema, savedReplySuggestionsSchema,
} from '../../../common/schemas/inbox.ts';
import { actorOf, principalOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { createCollapser } from '../../http/collapse.ts';
import { notFound } from '../../http/errors.ts';
import { conversation, presentReply } from './conversation.service.ts';
import { cancelEscalation, createEscalation, presentEscalation } from './escalation.service.ts';
import { listItems, replyingOn } from './item-list.ts';
import { presentItem } from './item-present.ts';
import { getAuthor, getItem } from './item-store.ts';
import { updateItem } from './item.service.ts';
import { addNote } from './notes.service.ts';
import { setReplying } from './presence.service.ts';
import { createReply, engage } from './reply.service.ts';
import { suggestionsFor } from './saved-replies.service.ts';

export function registerInboxItemRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['inbox'];
  const base = '/api/v1/workspaces/:workspaceId/inbox';
  const read = { access: { permission: 'inbox.read' as const } };
  const work = { access: { permission: 'inbox.work' as const } };

  // Every open inbox refetches the list on each live event: identical requests that arrive together
  // share one query and one serialised body (http/collapse.ts). Each request is still authenticated
  // and authorised on its own before it joins; the key holds all the list depends on.
  const listUrl = `${base}/items`;
  const serializePage = serializerCompiler({ schema: itemPageSchema, method: 'GET', url: listUrl });
  const collapseList = createCollapser<Buffer>();
  app.get(listUrl, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: itemListQuerySchema, response: { 200: itemPageSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const userId = principalOf(req).userId;
    const key = `${ws} ${req.query.assignee === 'me' ? userId : '-'} ${JSON.stringify(req.query)}`;
    const body = await collapseList(key, async () => {
      const now = ctx.clock.now();
      const page = await listItems(ctx.database.pool, ws, userId, req.query, now);
      return Buffer.from(serializePage({ items: page.items.map((r) => presentItem(r.item, r.author, now, r.replying)), nextCursor: page.nextCursor }));
    });
    // Already serialised and checked against itemPageSchema: Fastify sends a Buffer as it is.
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  app.get(`${base}/items/:itemId`, { config: read, schema: { tags, params: itemParamsSchema, response: { 200: conversationSchema } } }, async (req) =>
    conversation(ctx, db, workspaceOf(req).id, req.params.itemId));

  app.patch(`${base}/items/:itemId`, { config: work, schema: { tags, params: itemParamsSchema, body: itemUpdateSchema, response: { 200: itemSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const after = await db.transaction((tx) => updateItem(tx, ctx, actorOf(req), ws, req.params.itemId, req.body));
    const now = ctx.clock.now();
    const author = after.authorId ? await getAuthor(db, ws, after.authorId) : null;
    return presentItem(after, author, now, (await replyingOn(ctx.database.pool, [after.id], now)).get(after.id) ?? []);
  });

  app.post(`${base}/items/:itemId/notes`, { config: work, schema: { tags, params: itemParamsSchema, body: noteCreateSchema, response: { 201: noteSchema } } }, async (req, reply) => {
    const note = await db.transaction((tx) => addNote(tx, ctx, actorOf(req), workspaceOf(req).id, req.params.itemId, req.body));
    return reply.code(201).send(note);
  });

  // Collision detection: the composer calls this every ~10 s while typing, and with false when done.
  app.post(`${base}/items/:itemId/presence`, { config: work, schema: { tags, params: itemParamsSchema, body: presenceSchema, response: { 200: presenceResultSchema } } }, async (req) =>
    db.transaction((tx) => setReplying(tx, ctx, workspaceOf(req).id, req.params.itemId, principalOf(req).userId, req.body.replying)));

  app.get(`${base}/items/:itemId/saved-replies`, { config: read, schema: { tags, params: itemParamsSchema, response: { 200: savedReplySuggestionsSchema } } }, async (req) => {
    const item = await getItem(db, workspaceOf(req).id, req.params.itemId);
    if (!item) throw notFound('inbox item');
    return suggestionsFor(db, item, principalOf(req).userId, ctx.clock.now());
  });

  app.post(`${base}/items/:itemId/replies`, { config: work, schema: { tags, params: itemParamsSchema, body: replyCreateSchema, response: { 201: replySchema } } }, async (req, reply) => {
    const r = await createReply(ctx, actorOf(req), workspaceOf(req).id, req.params.itemId, req.body);
    return reply.code(201).send(presentReply(r));
  });

  for (const kind of ['like', 'boost'] as const) {
    app.post(`${base}/items/:itemId/${kind}`, { config: work, schema: { tags, params: itemParamsSchema, response: { 201: replySchema } } }, async (req, reply) => {
      const r = await engage(ctx, actorOf(req), workspaceOf(req).id, req.params.itemId, kind);
      return reply.code(201).send(presentReply(r));
    });
  }

  app.post(`${base}/items/:itemId/escalations`, { config: work, schema: { tags, params: itemParamsSchema, body: escalationCreateSchema, response: { 201: escalationSchema } } }, async (req, reply) => {
    const { escalation } = await db.transaction((tx) => createEscalation(tx, ctx, actorOf(req), workspaceOf(req).id, req.params.itemId, req.body));
    return reply.code(201).send(presentEscalation(escalation));
  });
  app.post(`${base}/items/:itemId/escalations/:escalationId/cancel`, { config: work, schema: { tags, summary: 'Withdraw an open expert request (its link stops working)', params: escalationParamsSchema, response: { 200: escalationSchema } } }, async (req) =>
    presentEscalation(await db.transaction((tx) => cancelEscalation(tx, ctx, actorOf(req), workspaceOf(req).id, req.params.itemId, req.params.escalationId))));
}
