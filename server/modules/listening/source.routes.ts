/** Sources: CRUD with health, NDJSON/CSV import, and the public, per-source authenticated webhook. */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { importResultSchema, sourceCreateSchema, sourceCreatedSchema, sourceParamsSchema, sourceSchema, sourceUpdateSchema, webhookPayloadSchema } from '../../../common/schemas/listening.ts';
import { randomToken } from '../../crypto/secrets.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, notFound, unauthorized } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { processBatch } from './ingest/ingest-pipeline.ts';
import { listeningSources } from './listening.schema.ts';
import { sharedAnalyzer } from './nlp/sentiment-analyzer.ts';
import { inboundToMention, parseCsv, parseNdjson, verifyWebhook, type InboundItem, type Rejected } from './sources/inbound.ts';
import { matcherFor } from './workspace-matcher.ts';

type Row = typeof listeningSources.$inferSelect;
const IMPORT_BYTES = 10 * 1024 * 1024;
const CHUNK = 500;

export function registerSourceRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['listening'];
  const base = '/api/v1/workspaces/:workspaceId/listening/sources';
  const read = { access: { permission: 'listening.read' as const } };
  const write = { access: { permission: 'listening.write' as const } };
  const analyzer = sharedAnalyzer(ctx.config);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const present = (s: Row) => ({
    id: s.id, kind: s.kind as 'feed', name: s.name, config: s.config as Record<string, unknown>, enabled: s.enabled, createdAt: s.createdAt.toISOString(),
    webhookUrl: s.kind === 'webhook' ? `${ctx.config.publicUrl}/api/v1/listening/hooks/${s.id}` : null,
    health: {
      status: s.enabled ? s.status : 'disabled', statusReason: s.statusReason, lastEventAt: iso(s.lastEventAt), lastErrorAt: iso(s.lastErrorAt), reconnects: s.reconnects,
      received: s.receivedTotal, stored: s.storedTotal, duplicates: s.duplicatesTotal, errors: s.errorsTotal,
    },
  });
  const load = async (ws: string, id: string) => {
    const [s] = await db.select().from(listeningSources).where(and(eq(listeningSources.workspaceId, ws), eq(listeningSources.id, id)));
    if (!s) throw notFound('source');
    return s;
  };
  const ingest = async (s: Row, items: { item: InboundItem }[], network: 'import' | 'webhook') => {
    let stored = 0;
    let duplicates = 0;
    for (let i = 0; i < items.length; i += CHUNK) {
      const now = ctx.clock.now();
      const r = await processBatch({ database: ctx.database, analyzer, matcher: matcherFor(ctx.database), clock: ctx.clock, events: ctx.events }, items.slice(i, i + CHUNK).map((x) => inboundToMention(x.item, s.workspaceId, s.id, network, now)));
      stored += r.stored;
      duplicates += r.duplicates;
    }
    return { stored, duplicates };
  };

  app.get(base, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(sourceSchema) }) } } }, async (req) => ({
    items: (await db.select().from(listeningSources).where(eq(listeningSources.workspaceId, workspaceOf(req).id)).orderBy(listeningSources.name)).map(present),
  }));
  app.get(`${base}/:sourceId`, { config: read, schema: { tags, params: sourceParamsSchema, response: { 200: sourceSchema } } }, async (req) => present(await load(workspaceOf(req).id, req.params.sourceId)));

  app.post(base, { config: write, schema: { tags, params: workspaceParamsSchema, body: sourceCreateSchema, response: { 201: sourceCreatedSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    if (req.body.kind === 'mastodon' && req.body.config.stream === 'hashtag' && !req.body.config.tag) throw badRequest('validation_failed', 'A hashtag stream needs a tag.', [{ path: 'body.config.tag', message: 'required for stream "hashtag"' }]);
    const secret = req.body.kind === 'webhook' ? randomToken(32) : null;
    const now = ctx.clock.now();
    const row = await db.transaction(async (tx) => {
      const [r] = await tx.insert(listeningSources).values({ workspaceId: ws, kind: req.body.kind, name: req.body.name, config: req.body.config, secretSealed: secret ? ctx.secrets.seal(secret) : null, createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_source.created', objectType: 'listening_source', objectId: r!.id, after: { kind: r!.kind, name: r!.name, config: r!.config } }, now);
      return r!;
    });
    return reply.code(201).send({ ...present(row), secret });
  });
  app.patch(`${base}/:sourceId`, { config: write, schema: { tags, params: sourceParamsSchema, body: sourceUpdateSchema, response: { 200: sourceSchema } } }, async (req) => {
    const before = await load(workspaceOf(req).id, req.params.sourceId);
    const now = ctx.clock.now();
    return present(await db.transaction(async (tx) => {
      const [r] = await tx.update(listeningSources).set({ ...req.body, updatedAt: now }).where(eq(listeningSources.id, before.id)).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: before.workspaceId, action: 'listening_source.updated', objectType: 'listening_source', objectId: before.id, before: { name: before.name, enabled: before.enabled }, after: req.body }, now);
      return r!;
    }));
  });
  app.delete(`${base}/:sourceId`, { config: write, schema: { tags, params: sourceParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const before = await load(workspaceOf(req).id, req.params.sourceId);
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      await tx.delete(listeningSources).where(eq(listeningSources.id, before.id));
      await recordAudit(tx, actorOf(req), { workspaceId: before.workspaceId, action: 'listening_source.deleted', objectType: 'listening_source', objectId: before.id, before: { kind: before.kind, name: before.name } }, now);
    });
    return { ok: true as const };
  });

  // Raw bodies: NDJSON/CSV uploads, and the webhook whose HMAC is computed over the exact bytes.
  app.register(async (scope) => {
    const raw = scope.withTypeProvider<ZodTypeProvider>();
    raw.addContentTypeParser(['application/x-ndjson', 'application/ndjson', 'text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: IMPORT_BYTES }, (_req, body, done) => done(null, body));
    raw.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
    // Anything else (or no content type) is read as text, so access is checked before the format.
    raw.addContentTypeParser('*', { parseAs: 'string', bodyLimit: IMPORT_BYTES }, (_req, body, done) => done(null, body));

    raw.post(`${base}/:sourceId/import`, { config: write, bodyLimit: IMPORT_BYTES, schema: { tags, params: sourceParamsSchema, body: z.string().max(IMPORT_BYTES), response: { 200: importResultSchema } } }, async (req) => {
      const s = await load(workspaceOf(req).id, req.params.sourceId);
      if (s.kind !== 'import') throw badRequest('wrong_source_kind', 'Uploads go to a source of kind "import".');
      const type = String(req.headers['content-type'] ?? '');
      const parsed = type.startsWith('text/csv') ? parseCsv(req.body) : parseNdjson(req.body);
      const r = await ingest(s, parsed.items, 'import');
      const received = parsed.items.length + parsed.rejected.length;
      // Who brought which data in, and how much (the mentions themselves are not audited one by one).
      await db.transaction(async (tx) => {
        await tx.update(listeningSources).set({ lastEventAt: ctx.clock.now(), status: 'running', statusReason: null }).where(eq(listeningSources.id, s.id));
        await recordAudit(tx, actorOf(req), { workspaceId: s.workspaceId, action: 'listening_source.imported', objectType: 'listening_source', objectId: s.id,
          after: { format: type.startsWith('text/csv') ? 'csv' : 'ndjson', bytes: Buffer.byteLength(req.body), received, stored: r.stored, duplicates: r.duplicates, rejected: parsed.rejected.length } }, ctx.clock.now());
      });
      return { received, ...r, rejected: parsed.rejected.slice(0, 100) };
    });

    raw.post('/api/v1/listening/hooks/:sourceId', { config: { access: { public: true } }, schema: { tags, params: z.object({ sourceId: z.uuid() }), body: z.string(), response: { 200: importResultSchema } } }, async (req) => {
      const [s] = await db.select().from(listeningSources).where(and(eq(listeningSources.id, req.params.sourceId), eq(listeningSources.kind, 'webhook')));
      // Unknown, disabled and wrongly signed look the same from outside.
      const mode = ((s?.config as { auth?: 'hmac' | 'bearer' } | undefined)?.auth) ?? 'hmac';
      if (!s || !s.enabled || !s.secretSealed || !verifyWebhook(mode, ctx.secrets.open(s.secretSealed), req.headers, req.body)) {
        throw unauthorized('invalid_signature', 'The webhook signature or token is missing or wrong.');
      }
      let json: unknown;
      try {
        json = JSON.parse(req.body);
      } catch {
        throw badRequest('invalid_json', 'The body is not valid JSON.');
      }
      const p = webhookPayloadSchema.safeParse(json);
      if (!p.success) throw badRequest('validation_failed', 'The payload is not valid.', p.error.issues.slice(0, 20).map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      const items = 'items' in p.data ? p.data.items : [p.data];
      const rejected: Rejected[] = [];
      const r = await ingest(s, items.map((item) => ({ item })), 'webhook');
      await db.update(listeningSources).set({ lastEventAt: ctx.clock.now(), status: 'running', statusReason: null }).where(eq(listeningSources.id, s.id));
      return { received: items.length, ...r, rejected };
    });
  });
}
