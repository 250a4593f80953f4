/**
 * HTTP routes of the media library. The upload is multipart (`file`, optional `altText`) and lives
 * in its own plugin context, so only this route parses multipart bodies; every other route still
 * answers 415 to one. Files are served through an access-checked route (members only), never as
 * public static files.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { ALT_TEXT_MAX, mediaFileQuerySchema, mediaListQuerySchema, mediaListSchema, mediaParamsSchema, mediaSchema, mediaUpdateSchema } from '../../../common/schemas/media.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, notFound, validationFailed } from '../../http/errors.ts';
import { ImageRejectedError } from './media-image.ts';
import { cleanFilename, deleteMedia, listMedia, loadMedia, updateAltText, uploadMedia, type MediaRow } from './media.service.ts';
import { fileMediaStore, mediaRootOf } from './media-store.ts';

const tags = ['media'];
const base = '/api/v1/workspaces/:workspaceId/media';

export function presentMedia(m: MediaRow & { inUse: boolean }) {
  const url = `/api/v1/workspaces/${m.workspaceId}/media/${m.id}/file`;
  return {
    id: m.id, filename: m.filename, mimeType: m.mimeType, bytes: m.bytes, width: m.width, height: m.height, altText: m.altText,
    uploadedBy: m.uploadedBy, createdAt: m.createdAt.toISOString(), inUse: m.inUse,
    compact: m.compact ? { mimeType: m.compact.mimeType, bytes: m.compact.bytes, width: m.compact.width, height: m.compact.height } : null,
    fileUrl: url, thumbUrl: `${url}?variant=thumb`,
  };
}

/**
 * The form as documented in OpenAPI. A multipart body is read by the handler (there is no parsed
 * body to validate), so everything here is optional and a JSON body gets the handler's 415.
 */
const uploadFormSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'The image' }).optional(),
  altText: z.string().max(ALT_TEXT_MAX).optional(),
}).nullish();

const fileError = (status: number, code: string, message: string) => new HttpError(status, code, message, [{ path: 'body.file', message }]);

/** Reads the one file and the optional alt text of a multipart upload, mapping every failure to a 4xx. */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ data: Buffer; filename: string; altText: string }> {
  if (!req.isMultipart()) throw fileError(415, 'unsupported_media_type', 'Send the image as multipart/form-data with the field "file".');
  let file: { data: Buffer; filename: string } | null = null;
  let altText = '';
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: ALT_TEXT_MAX * 4, parts: 6 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw validationFailed([{ path: `body.${part.fieldname.slice(0, 50)}`, message: 'unknown file field; use "file"' }]);
        }
        file = { data: await part.toBuffer(), filename: cleanFilename(part.filename) };
      } else if (part.fieldname === 'altText') {
        altText = String(part.value ?? '').trim();
      } else {
        throw validationFailed([{ path: `body.${part.fieldname.slice(0, 50)}`, message: 'unknown field' }]);
      }
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileError(413, 'media_too_large', `The image is larger than ${Math.round(maxBytes / 1_048_576)} MB.`);
    if (code === 'FST_FILES_LIMIT') throw fileError(413, 'too_many_files', 'Upload one image per request.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw validationFailed([{ path: 'body', message: 'too many form fields' }]);
    throw new HttpError(400, 'invalid_multipart', 'The upload could not be read (broken multipart body).', [{ path: 'body', message: String((e as Error)?.message ?? e).slice(0, 200) }]);
  }
  if (!file) throw validationFailed([{ path: 'body.file', message: 'required: the image file' }]);
  if (file.data.length === 0) throw validationFailed([{ path: 'body.file', message: 'the file is empty' }]);
  if (altText.length > ALT_TEXT_MAX) throw validationFailed([{ path: 'body.altText', message: `at most ${ALT_TEXT_MAX} characters` }]);
  if (altText.includes('\u0000') || !altText.isWellFormed()) throw validationFailed([{ path: 'body.altText', message: 'must not contain the NUL character or broken Unicode' }]);
  return { ...file, altText };
}

export function registerMediaRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const store = fileMediaStore(mediaRootOf(ctx.config));
  const maxBytes = ctx.config.RESONANZ_MEDIA_MAX_MB * 1_048_576;
  const read = { access: { permission: 'posts.read' as const } };
  const write = { access: { permission: 'posts.write' as const } };

  // Own context: the multipart parser is registered only here.
  void app.register(async (sub) => {
    await sub.register(fastifyMultipart, { throwFileSizeLimit: true });
    sub.withTypeProvider<ZodTypeProvider>().post(base, {
      config: write,
      schema: {
        tags, consumes: ['multipart/form-data'], description: 'Upload one image (JPEG, PNG, WebP, GIF) as multipart field `file`, optional field `altText`.',
        params: workspaceParamsSchema, body: uploadFormSchema, response: { 201: mediaSchema },
      },
    }, async (req, reply) => {
      const ws = workspaceOf(req).id;
      const input = await readUpload(req, maxBytes);
      try {
        const { row, timings } = await uploadMedia({ database: ctx.database, store }, actorOf(req), ws, input, ctx.clock.now());
        req.log.info({ mediaId: row.id, bytesIn: input.data.length, bytesOut: row.bytes, ...timings }, 'media uploaded');
        return reply.code(201).send(presentMedia({ ...row, inUse: false }));
      } catch (e) {
        if (!(e instanceof ImageRejectedError)) throw e;
        if (e.reason === 'unsupported_type') throw fileError(415, 'unsupported_media_type', e.message);
        throw fileError(422, e.reason === 'too_many_pixels' ? 'image_too_large' : 'not_an_image', e.message);
      }
    });
  });

  app.get(base, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: mediaListQuerySchema, response: { 200: mediaListSchema } } }, async (req) => ({
    items: (await listMedia(db, workspaceOf(req).id, req.query.limit)).map(presentMedia),
  }));

  app.get(`${base}/:mediaId`, { config: read, schema: { tags, params: mediaParamsSchema, response: { 200: mediaSchema } } }, async (req) =>
    presentMedia(await loadMedia(db, workspaceOf(req).id, req.params.mediaId)));

  app.patch(`${base}/:mediaId`, { config: write, schema: { tags, params: mediaParamsSchema, body: mediaUpdateSchema, response: { 200: mediaSchema } } }, async (req) =>
    presentMedia(await db.transaction((tx) => updateAltText(tx, actorOf(req), workspaceOf(req).id, req.params.mediaId, req.body.altText, ctx.clock.now()))));

  app.delete(`${base}/:mediaId`, { config: write, schema: { tags, params: mediaParamsSchema } }, async (req, reply) => {
    const keys = await db.transaction((tx) => deleteMedia(tx, actorOf(req), workspaceOf(req).id, req.params.mediaId, ctx.clock.now()));
    // After the commit: a failed unlink leaves an unreferenced file, never a row without its file.
    await store.remove(keys).catch((err) => req.log.warn({ err }, 'media file removal failed'));
    return reply.code(204).send();
  });

  app.get(`${base}/:mediaId/file`, { config: read, schema: { tags, params: mediaParamsSchema, querystring: mediaFileQuerySchema } }, async (req, reply) => {
    const m = await loadMedia(db, workspaceOf(req).id, req.params.mediaId);
    const r = req.query.variant === 'thumb' ? m.thumb : req.query.variant === 'compact' ? m.compact : { key: m.storageKey, mimeType: m.mimeType, bytes: m.bytes };
    if (!r) throw notFound('rendition');
    const data = await store.read(r.key).catch(() => null);
    if (!data) throw notFound('image file');
    return reply
      .type(r.mimeType)
      .header('content-length', data.length)
      // Keys never change (a new upload is a new id); private: members only, no shared caches.
      .header('cache-control', 'private, max-age=604800, immutable')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(m.filename)}`)
      .send(data);
  });
}
