/**
 * HTTP routes: routing rules, saved replies, inbox settings, ingestion status, and replies waiting
 * for approval. Deciding on a reply is open to everyone who reads the editorial plan; the approval
 * chain itself says who may decide which step (as for posts).
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  expertContactCreateSchema, expertContactParamsSchema, expertContactSchema, expertContactsSchema, expertContactUpdateSchema, inboxSettingsSchema, inboxSettingsUpdateSchema, ingestionStatusSchema, pendingRepliesSchema, replyDecisionSchema, replyParamsSchema, replySchema,
  ruleCreateSchema, ruleParamsSchema, ruleSchema, ruleUpdateSchema, savedReplyCreateSchema, savedReplyParamsSchema, savedReplySchema, savedReplyUpdateSchema,
} from '../../../common/schemas/inbox.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { presentReply } from './conversation.service.ts';
import { createExpertContact, deleteExpertContact, directoryEntry, listExpertContacts, presentExpertContact, updateExpertContact } from './expert-contacts.service.ts';
import { inboxCursors, inboxSettings } from './inbox.schema.ts';
import { decideReply, pendingReplies, replyApproval, retryReply } from './reply.service.ts';
import { createRule, deleteRule, listRules, presentRule, updateRule } from './rules.service.ts';
import { createSavedReply, deleteSavedReply, listSavedReplies, presentSavedReply, updateSavedReply } from './saved-replies.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function registerInboxConfigRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['inbox'];
  const base = '/api/v1/workspaces/:workspaceId/inbox';
  const read = { access: { permission: 'inbox.read' as const } };
  const work = { access: { permission: 'inbox.work' as const } };

  // Routing rules
  app.get(`${base}/rules`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(ruleSchema) }) } } }, async (req) => ({
    items: (await listRules(db, workspaceOf(req).id)).map(presentRule),
  }));
  app.post(`${base}/rules`, { config: work, schema: { tags, params: workspaceParamsSchema, body: ruleCreateSchema, response: { 201: ruleSchema } } }, async (req, reply) => {
    const row = await db.transaction((tx) => createRule(tx, actorOf(req), workspaceOf(req).id, req.body, ctx.clock.now()));
    return reply.code(201).send(presentRule(row));
  });
  app.patch(`${base}/rules/:ruleId`, { config: work, schema: { tags, params: ruleParamsSchema, body: ruleUpdateSchema, response: { 200: ruleSchema } } }, async (req) =>
    presentRule(await db.transaction((tx) => updateRule(tx, actorOf(req), workspaceOf(req).id, req.params.ruleId, req.body, ctx.clock.now()))));
  app.delete(`${base}/rules/:ruleId`, { config: work, schema: { tags, params: ruleParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction((tx) => deleteRule(tx, actorOf(req), workspaceOf(req).id, req.params.ruleId, ctx.clock.now()));
    return { ok: true as const };
  });

  // Department contacts for expert escalation (directory, then experts asked before)
  app.get(`${base}/expert-contacts`, { config: work, schema: { tags, summary: 'The department directory, then external experts asked before (offered by the escalation form)', params: workspaceParamsSchema, response: { 200: expertContactsSchema } } }, async (req) =>
    ({ items: (await listExpertContacts(db, workspaceOf(req).id)).map(presentExpertContact) }));
  app.post(`${base}/expert-contacts`, { config: work, schema: { tags, summary: 'Add a department contact to the directory', params: workspaceParamsSchema, body: expertContactCreateSchema, response: { 201: expertContactSchema } } }, async (req, reply) =>
    reply.code(201).send(presentExpertContact(await db.transaction(async (tx) => directoryEntry(tx, workspaceOf(req).id, await createExpertContact(tx, actorOf(req), workspaceOf(req).id, req.body, ctx.clock.now()))))));
  app.patch(`${base}/expert-contacts/:contactId`, { config: work, schema: { tags, params: expertContactParamsSchema, body: expertContactUpdateSchema, response: { 200: expertContactSchema } } }, async (req) =>
    presentExpertContact(await db.transaction(async (tx) => directoryEntry(tx, workspaceOf(req).id, await updateExpertContact(tx, actorOf(req), workspaceOf(req).id, req.params.contactId, req.body, ctx.clock.now())))));
  app.delete(`${base}/expert-contacts/:contactId`, { config: work, schema: { tags, params: expertContactParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction((tx) => deleteExpertContact(tx, actorOf(req), workspaceOf(req).id, req.params.contactId, ctx.clock.now()));
    return { ok: true as const };
  });

  // Saved replies
  app.get(`${base}/saved-replies`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(savedReplySchema) }) } } }, async (req) => ({
    items: (await listSavedReplies(db, workspaceOf(req).id)).map(presentSavedReply),
  }));
  app.post(`${base}/saved-replies`, { config: work, schema: { tags, params: workspaceParamsSchema, body: savedReplyCreateSchema, response: { 201: savedReplySchema } } }, async (req, reply) => {
    const row = await db.transaction((tx) => createSavedReply(tx, actorOf(req), workspaceOf(req).id, req.body, ctx.clock.now()));
    return reply.code(201).send(presentSavedReply(row));
  });
  app.patch(`${base}/saved-replies/:savedReplyId`, { config: work, schema: { tags, params: savedReplyParamsSchema, body: savedReplyUpdateSchema, response: { 200: savedReplySchema } } }, async (req) =>
    presentSavedReply(await db.transaction((tx) => updateSavedReply(tx, actorOf(req), workspaceOf(req).id, req.params.savedReplyId, req.body, ctx.clock.now()))));
  app.delete(`${base}/saved-replies/:savedReplyId`, { config: work, schema: { tags, params: savedReplyParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction((tx) => deleteSavedReply(tx, actorOf(req), workspaceOf(req).id, req.params.savedReplyId, ctx.clock.now()));
    return { ok: true as const };
  });

  // Settings
  const settingsOf = async (ws: string) => {
    const [s] = await db.select().from(inboxSettings).where(eq(inboxSettings.workspaceId, ws));
    return { replyApprovalRequired: s?.replyApprovalRequired ?? false, defaultAddress: (s?.defaultAddress ?? 'sie') as 'sie' | 'du', pollIntervalS: s?.pollIntervalS ?? 60 };
  };
  app.get(`${base}/settings`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: inboxSettingsSchema } } }, async (req) => settingsOf(workspaceOf(req).id));
  app.patch(`${base}/settings`, { config: { access: { permission: 'workspace.update' } }, schema: { tags, params: workspaceParamsSchema, body: inboxSettingsUpdateSchema, response: { 200: inboxSettingsSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    const before = await settingsOf(ws);
    await db.transaction(async (tx) => {
      await tx.insert(inboxSettings).values({ workspaceId: ws, ...before, ...req.body, updatedAt: now })
        .onConflictDoUpdate({ target: inboxSettings.workspaceId, set: { ...req.body, updatedAt: now } });
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'inbox.settings.updated', objectType: 'inbox_settings', objectId: ws, before, after: { ...before, ...req.body } }, now);
    });
    return settingsOf(ws);
  });

  app.get(`${base}/ingestion`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: ingestionStatusSchema } } }, async (req) => ({
    items: (await db.select().from(inboxCursors).where(eq(inboxCursors.workspaceId, workspaceOf(req).id))).map((c) => ({
      channelId: c.channelId, stream: c.stream, lastPolledAt: iso(c.lastPolledAt), lastError: c.lastError, lastErrorAt: iso(c.lastErrorAt),
    })),
  }));

  // Replies waiting for approval
  const approver = { access: { permission: 'posts.read' as const } };
  app.get(`${base}/replies/pending`, { config: approver, schema: { tags, params: workspaceParamsSchema, response: { 200: pendingRepliesSchema } } }, async (req) => {
    const rows = await pendingReplies(db, workspaceOf(req).id);
    const items = [];
    for (const r of rows) items.push({ ...presentReply(r.reply, await replyApproval(db, r.reply, { channelId: r.channelId })), itemText: r.itemText, channelId: r.channelId });
    return { items };
  });
  app.post(`${base}/replies/:replyId/decision`, { config: approver, schema: { tags, params: replyParamsSchema, body: replyDecisionSchema, response: { 200: replySchema } } }, async (req) =>
    presentReply(await decideReply(ctx, actorOf(req), workspaceOf(req).id, req.params.replyId, req.body)));
  app.post(`${base}/replies/:replyId/retry`, { config: work, schema: { tags, params: replyParamsSchema, response: { 200: replySchema } } }, async (req) =>
    presentReply(await retryReply(ctx, actorOf(req), workspaceOf(req).id, req.params.replyId)));
}
