/**
 * The brand sheet's assets of a platform strategy: images re-encoded by the media library's
 * processing (type from the content, EXIF/GPS dropped, at most 4096 px), stored in the database
 * with their platform. Upload and removal are audited.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { processImage } from '../media/media-image.ts';
import { strategyBrandAssets, strategyPlatforms } from './strategy.schema.ts';

type Asset = typeof strategyBrandAssets.$inferSelect;

export function presentAsset(a: Omit<Asset, 'data'>) {
  return {
    id: a.id, platformId: a.platformId, filename: a.filename, label: a.label, mimeType: a.mimeType, bytes: a.bytes, width: a.width, height: a.height,
    createdAt: a.createdAt.toISOString(), fileUrl: `/api/v1/workspaces/${a.workspaceId}/strategy/assets/${a.id}/file`,
  };
}

const columns = {
  id: strategyBrandAssets.id, workspaceId: strategyBrandAssets.workspaceId, platformId: strategyBrandAssets.platformId, filename: strategyBrandAssets.filename,
  label: strategyBrandAssets.label, mimeType: strategyBrandAssets.mimeType, bytes: strategyBrandAssets.bytes, width: strategyBrandAssets.width,
  height: strategyBrandAssets.height, uploadedBy: strategyBrandAssets.uploadedBy, createdAt: strategyBrandAssets.createdAt,
};

export async function requirePlatform(tx: Tx, workspaceId: string, platformId: string): Promise<void> {
  const [p] = await tx.select({ id: strategyPlatforms.id }).from(strategyPlatforms).where(and(eq(strategyPlatforms.id, platformId), eq(strategyPlatforms.workspaceId, workspaceId)));
  if (!p) throw notFound('platform strategy');
}

export async function listAssets(tx: Tx, workspaceId: string, platformId: string) {
  await requirePlatform(tx, workspaceId, platformId);
  const rows = await tx.select(columns).from(strategyBrandAssets).where(and(eq(strategyBrandAssets.workspaceId, workspaceId), eq(strategyBrandAssets.platformId, platformId))).orderBy(asc(strategyBrandAssets.createdAt));
  return rows.map(presentAsset);
}

/** Processing happens before the transaction (CPU work holds no locks); may throw `ImageRejectedError`. */
export async function prepareAsset(data: Buffer) {
  const { master } = await processImage(data);
  return master;
}

export async function addAsset(tx: Tx, actor: Actor, workspaceId: string, platformId: string, input: { filename: string; label: string; image: Awaited<ReturnType<typeof prepareAsset>> }, now: Date) {
  await requirePlatform(tx, workspaceId, platformId);
  const [a] = await tx.insert(strategyBrandAssets).values({
    workspaceId, platformId, filename: input.filename, label: input.label, mimeType: input.image.mimeType, bytes: input.image.data.length,
    width: input.image.width, height: input.image.height, data: input.image.data, uploadedBy: actor.userId, createdAt: now,
  }).returning(columns);
  await recordAudit(tx, actor, { workspaceId, action: 'strategy.brand_asset.uploaded', objectType: 'brand_asset', objectId: a!.id, after: { platformId, filename: a!.filename, label: a!.label, bytes: a!.bytes } }, now);
  return presentAsset(a!);
}

export async function assetFile(tx: Tx, workspaceId: string, assetId: string) {
  const [a] = await tx.select({ data: strategyBrandAssets.data, mimeType: strategyBrandAssets.mimeType, filename: strategyBrandAssets.filename }).from(strategyBrandAssets)
    .where(and(eq(strategyBrandAssets.id, assetId), eq(strategyBrandAssets.workspaceId, workspaceId)));
  if (!a) throw notFound('brand asset');
  return a;
}

export async function deleteAsset(tx: Tx, actor: Actor, workspaceId: string, assetId: string, now: Date): Promise<void> {
  const [a] = await tx.delete(strategyBrandAssets).where(and(eq(strategyBrandAssets.id, assetId), eq(strategyBrandAssets.workspaceId, workspaceId))).returning(columns);
  if (!a) throw notFound('brand asset');
  await recordAudit(tx, actor, { workspaceId, action: 'strategy.brand_asset.deleted', objectType: 'brand_asset', objectId: assetId, before: { platformId: a.platformId, filename: a.filename, label: a.label } }, now);
}
