/** HTTP routes of the editorial plan: posts, review decisions, comments, versions, target decisions. */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  commentBodySchema, commentSchema, confirmOutcomeSchema, withdrawSchema, decisionBodySchema, overdueDecisionSchema, overdueListSchema, postCreateSchema,
  planFacetsSchema, postListQuerySchema, postParamsSchema, postSchema, postUpdateSchema, requestChangesBodySchema, targetParamsSchema, targetSchema, versionSchema,
} from '../../../common/schemas/publishing.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { Tx } from '../../db/client.ts';
import { addComment, presentComment } from './comment.service.ts';
import { confirmOutcome, decideOverdue, listOverdue } from './pause.service.ts';
import { withdrawTarget } from './withdraw.service.ts';
import { formatDiff, lineDiff, type PostContent } from './post-content.ts';
import { announceReview } from './approval-notices.ts';
import { presentPost, presentTarget } from './post-present.ts';
import { approvalStatus, createPost, decide, loadPost, submitPost, targetsOf, updatePost, workspaceTimezone } from './post.service.ts';
import { channels, postComments, posts, postVersions, publishTargets } from './publishing.schema.ts';
import { zonedToInstant } from './zoned-time.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The workspace's channels with their limits (what a thread is split by). */
async function channelLimits(tx: Tx, ws: string) {
  return new Map((await tx.select({ id: channels.id, network: channels.network, limits: channels.limits }).from(channels).where(eq(channels.workspaceId, ws))).map((c) => [c.id, c]));
}

async function full(tx: Tx, ws: string, id: string) {
  const p = await loadPost(tx, ws, id);
  const targets = await targetsOf(tx, id);
  const { status } = await approvalStatus(tx, p, targets);
  return presentPost(p, targets, await workspaceTimezone(tx, ws), await channelLimits(tx, ws), status);
}

/** A target after a decision on it, with its post and channel (for its thread). */
async function targetView(tx: Tx, targetId: string) {
  const [row] = await tx.select({ t: publishTargets, p: posts, c: channels }).from(publishTargets)
    .innerJoin(posts, eq(posts.id, publishTargets.postId)).innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .where(eq(publishTargets.id, targetId));
  if (!row) throw notFound('target');
  return presentTarget(row.t, row.p, row.c);
}

export function registerPostRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['publishing'];
  const base = '/api/v1/workspaces/:workspaceId';
  const read = { access: { permission: 'posts.read' as const } };
  const write = { access: { permission: 'posts.write' as const } };

  app.get(`${base}/posts`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: postListQuerySchema, response: { 200: z.object({ items: z.array(postSchema) }) } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const q = req.query;
    const where: (SQL | undefined)[] = [eq(posts.workspaceId, ws), q.from ? gte(posts.scheduledAt, new Date(q.from)) : undefined, q.to ? lte(posts.scheduledAt, new Date(q.to)) : undefined,
      q.campaign ? eq(posts.campaign, q.campaign) : undefined, q.topic ? eq(posts.topic, q.topic) : undefined, q.authorId ? eq(posts.authorId, q.authorId) : undefined];
    if (q.state || q.channelId) {
      const ids = db.select({ id: publishTargets.postId }).from(publishTargets).where(and(eq(publishTargets.workspaceId, ws), q.state ? eq(publishTargets.state, q.state) : undefined, q.channelId ? eq(publishTargets.channelId, q.channelId) : undefined));
      where.push(inArray(posts.id, ids));
    }
    const rows = await db.select().from(posts).where(and(...where)).orderBy(asc(posts.scheduledAt), desc(posts.createdAt)).limit(q.limit);
    const targets = rows.length ? await db.select().from(publishTargets).where(inArray(publishTargets.postId, rows.map((r) => r.id))) : [];
    const tz = await workspaceTimezone(db, ws);
    const limits = await channelLimits(db, ws);
    return { items: rows.map((p) => presentPost(p, targets.filter((t) => t.postId === p.id), tz, limits)) };
  });

  app.post(`${base}/posts`, { config: write, schema: { tags, params: workspaceParamsSchema, body: postCreateSchema, response: { 201: postSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const out = await db.transaction(async (tx) => full(tx, ws, (await createPost(tx, actorOf(req), ws, req.body, ctx.clock.now())).id));
    return reply.code(201).send(out);
  });

  app.get(`${base}/posts/:postId`, { config: read, schema: { tags, params: postParamsSchema, response: { 200: postSchema } } }, async (req) => full(db, workspaceOf(req).id, req.params.postId));

  app.patch(`${base}/posts/:postId`, { config: write, schema: { tags, params: postParamsSchema, body: postUpdateSchema, response: { 200: postSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      await updatePost(tx, actorOf(req), ws, req.params.postId, req.body, ctx.clock.now());
      return full(tx, ws, req.params.postId);
    });
  });

  app.post(`${base}/posts/:postId/submit`, { config: write, schema: { tags, params: postParamsSchema, response: { 200: postSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      await submitPost(tx, actorOf(req), ws, req.params.postId, ctx.clock.now());
      await announceReview(tx, ctx, actorOf(req).userId, ws, req.params.postId, { kind: 'submitted' });
      return full(tx, ws, req.params.postId);
    });
  });

  // Who may decide is the approval chain's business (roles or named members, never the author).
  for (const [path, decision, body] of [['approve', 'approved', decisionBodySchema], ['request-changes', 'changes_requested', requestChangesBodySchema]] as const) {
    app.post(`${base}/posts/:postId/${path}`, { config: read, schema: { tags, params: postParamsSchema, body, response: { 200: postSchema } } }, async (req) => {
      const ws = workspaceOf(req).id;
      return db.transaction(async (tx) => {
        const comment = (req.body as { comment?: string }).comment;
        await decide(tx, actorOf(req), ws, req.params.postId, decision, comment, ctx.clock.now());
        await announceReview(tx, ctx, actorOf(req).userId, ws, req.params.postId, decision === 'approved' ? { kind: 'approved' } : { kind: 'changes_requested', comment });
        return full(tx, ws, req.params.postId);
      });
    });
  }

  app.get(`${base}/posts/:postId/versions`, { config: read, schema: { tags, params: postParamsSchema, response: { 200: z.object({ items: z.array(versionSchema) }) } } }, async (req) => {
    await loadPost(db, workspaceOf(req).id, req.params.postId);
    const rows = await db.select().from(postVersions).where(eq(postVersions.postId, req.params.postId)).orderBy(asc(postVersions.version));
    return {
      items: rows.map((v, i) => {
        const prev = (rows[i - 1]?.content as PostContent | undefined)?.text ?? '';
        return { version: v.version, contentHash: v.contentHash, editedBy: v.editedBy, createdAt: v.createdAt.toISOString(), diff: formatDiff(lineDiff(prev, (v.content as PostContent).text)) };
      }),
    };
  });

  app.get(`${base}/posts/:postId/comments`, { config: read, schema: { tags, params: postParamsSchema, response: { 200: z.object({ items: z.array(commentSchema) }) } } }, async (req) => {
    await loadPost(db, workspaceOf(req).id, req.params.postId);
    const rows = await db.select().from(postComments).where(eq(postComments.postId, req.params.postId)).orderBy(asc(postComments.createdAt));
    return { items: rows.map(presentComment) };
  });
  app.post(`${base}/posts/:postId/comments`, { config: read, schema: { tags, params: postParamsSchema, body: commentBodySchema, response: { 201: commentSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const c = await db.transaction((tx) => addComment(tx, ctx, actorOf(req), ws, req.params.postId, req.body));
    return reply.code(201).send(presentComment(c));
  });

  app.get(`${base}/publishing/facets`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: planFacetsSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const distinct = async (col: typeof posts.campaign | typeof posts.topic) =>
      (await db.selectDistinct({ v: col }).from(posts).where(and(eq(posts.workspaceId, ws), isNotNull(col))).orderBy(col)).map((r) => r.v!).filter(Boolean);
    const authors = await db.selectDistinct({ v: posts.authorId }).from(posts).where(and(eq(posts.workspaceId, ws), isNotNull(posts.authorId)));
    return { campaigns: await distinct(posts.campaign), topics: await distinct(posts.topic), authorIds: authors.map((a) => a.v!) };
  });

  app.get(`${base}/publishing/overdue`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: overdueListSchema } } }, async (req) => ({
    items: (await listOverdue(db, workspaceOf(req).id)).map((o) => ({ ...o, scheduledAt: iso(o.scheduledAt) })),
  }));

  app.post(`${base}/publishing/targets/:targetId/decision`, { config: { access: { permission: 'publishing.pause' } }, schema: { tags, params: targetParamsSchema, body: overdueDecisionSchema, response: { 200: targetSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      const tz = await workspaceTimezone(tx, ws);
      const s = req.body.schedule;
      const at = s ? ('at' in s ? new Date(s.at) : zonedToInstant(s.local, tz)) : null;
      await decideOverdue(tx, actorOf(req), ws, req.params.targetId, req.body.action, at, ctx.clock.now());
      return targetView(tx, req.params.targetId);
    });
  });

  // Those who may release a post may take it down again (approvers, the duty editor, admins).
  app.post(`${base}/publishing/targets/:targetId/withdraw`, { config: { access: { permission: 'posts.approve' } }, schema: { tags, summary: 'Delete a published post from the network', params: targetParamsSchema, body: withdrawSchema, response: { 200: targetSchema } } }, async (req) => {
    await withdrawTarget(ctx, actorOf(req), workspaceOf(req).id, req.params.targetId, req.body.reason);
    return targetView(db, req.params.targetId);
  });

  app.post(`${base}/publishing/targets/:targetId/confirm`, { config: write, schema: { tags, params: targetParamsSchema, body: confirmOutcomeSchema, response: { 200: targetSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    return db.transaction(async (tx) => {
      await confirmOutcome(tx, actorOf(req), ws, req.params.targetId, req.body.outcome, req.body.remoteUrl, ctx.clock.now());
      return targetView(tx, req.params.targetId);
    });
  });
}
