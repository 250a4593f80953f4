/**
 * Brand-sheet assets of a platform strategy. The upload is multipart (`file`, optional `label`) in
 * its own plugin context (only this route parses multipart); a file over BRAND_ASSET_MAX_BYTES is a
 * 413 naming `body.file`, something that is not an image a 415/422 — never a 500.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BRAND_ASSET_MAX_BYTES, brandAssetParamsSchema, brandAssetSchema, strategyItemParamsSchema } from '../../../common/schemas/strategy.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, validationFailed } from '../../http/errors.ts';
import { ImageRejectedError } from '../media/media-image.ts';
import { cleanFilename } from '../media/media.service.ts';
import { addAsset, assetFile, deleteAsset, listAssets, prepareAsset, requirePlatform } from './brand-assets.service.ts';

const tags = ['strategy'];
const base = '/api/v1/workspaces/:workspaceId/strategy';
const LABEL_MAX = 200;
const fileError = (status: number, code: string, message: string) => new HttpError(status, code, message, [{ path: 'body.file', message }]);

const uploadFormSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'The image (JPEG, PNG, WebP, GIF)' }).optional(),
  label: z.string().max(LABEL_MAX).optional(),
}).nullish();

async function readUpload(req: FastifyRequest): Promise<{ data: Buffer; filename: string; label: string }> {
  if (!req.isMultipart()) throw fileError(415, 'unsupported_media_type', 'Send the file as multipart/form-data with the field "file".');
  let file: { data: Buffer; filename: string } | null = null;
  let label = '';
  try {
    for await (const part of req.parts({ limits: { fileSize: BRAND_ASSET_MAX_BYTES, files: 1, fields: 2, fieldSize: LABEL_MAX * 4, parts: 4 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw validationFailed([{ path: `body.${part.fieldname.slice(0, 50)}`, message: 'unknown file field; use "file"' }]);
        }
        file = { data: await part.toBuffer(), filename: cleanFilename(part.filename) };
      } else if (part.fieldname === 'label') {
        label = String(part.value ?? '').trim();
      } else {
        throw validationFailed([{ path: `body.${part.fieldname.slice(0, 50)}`, message: 'unknown field' }]);
      }
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileError(413, 'asset_too_large', `The file is larger than ${BRAND_ASSET_MAX_BYTES / 1_048_576} MB; export the logo or sheet smaller.`);
    if (code === 'FST_FILES_LIMIT') throw fileError(413, 'too_many_files', 'Upload one file per request.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw validationFailed([{ path: 'body', message: 'too many form fields' }]);
    throw new HttpError(400, 'invalid_multipart', 'The upload could not be read (broken multipart body).', [{ path: 'body', message: String((e as Error)?.message ?? e).slice(0, 200) }]);
  }
  if (!file) throw validationFailed([{ path: 'body.file', message: 'required: the image file' }]);
  if (file.data.length === 0) throw validationFailed([{ path: 'body.file', message: 'the file is empty' }]);
  if (label.length > LABEL_MAX || label.includes('\u0000') || !label.isWellFormed()) throw validationFailed([{ path: 'body.label', message: `at most ${LABEL_MAX} characters, no NUL or broken Unicode` }]);
  return { ...file, label };
}

export function registerBrandAssetRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const read = { access: { permission: 'strategy.read' as const } };
  const write = { access: { permission: 'strategy.write' as const } };

  void app.register(async (sub) => {
    await sub.register(fastifyMultipart, { throwFileSizeLimit: true });
    sub.withTypeProvider<ZodTypeProvider>().post(`${base}/platforms/:itemId/assets`, {
      config: write,
      schema: { tags, consumes: ['multipart/form-data'], description: 'Upload one brand-sheet image as multipart field `file`, optional field `label`.', params: strategyItemParamsSchema, body: uploadFormSchema, response: { 201: brandAssetSchema } },
    }, async (req, reply) => {
      const wsId = workspaceOf(req).id;
      // A platform that does not exist is a 404 whatever the body is.
      await requirePlatform(db, wsId, req.params.itemId);
      const input = await readUpload(req);
      let image;
      try {
        image = await prepareAsset(input.data);
      } catch (e) {
        if (!(e instanceof ImageRejectedError)) throw e;
        if (e.reason === 'unsupported_type') throw fileError(415, 'unsupported_media_type', e.message);
        throw fileError(422, e.reason === 'too_many_pixels' ? 'image_too_large' : 'not_an_image', e.message);
      }
      const asset = await db.transaction((tx) => addAsset(tx, actorOf(req), wsId, req.params.itemId, { filename: input.filename, label: input.label, image }, ctx.clock.now()));
      return reply.code(201).send(asset);
    });
  });

  app.get(`${base}/platforms/:itemId/assets`, { config: read, schema: { tags, params: strategyItemParamsSchema, response: { 200: z.object({ items: z.array(brandAssetSchema) }) } } }, async (req) => ({
    items: await listAssets(db, workspaceOf(req).id, req.params.itemId),
  }));
  app.get(`${base}/assets/:assetId/file`, { config: read, schema: { tags, params: brandAssetParamsSchema, description: 'The image file.' } }, async (req, reply) => {
    const a = await assetFile(db, workspaceOf(req).id, req.params.assetId);
    return reply.type(a.mimeType).header('cache-control', 'private, max-age=86400').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.filename)}`).send(a.data);
  });
  app.delete(`${base}/assets/:assetId`, { config: write, schema: { tags, params: brandAssetParamsSchema } }, async (req, reply) => {
    await db.transaction((tx) => deleteAsset(tx, actorOf(req), workspaceOf(req).id, req.params.assetId, ctx.clock.now()));
    return reply.code(204).send();
  });
}
