/** Brand-sheet uploads of a platform strategy: images only, size limit with a clear 413, audited. */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { BRAND_ASSET_MAX_BYTES } from '../../../common/schemas/strategy.ts';
import { TestClient } from '../../test/client.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { multipartBody, type FormPart } from '../../test/multipart.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = `/api/v1/workspaces/${workspace.id}`;
const c = new TestClient(t.app);
await c.login(owner.email);
const platform = (await c.post(`${ws}/strategy/platforms`, { network: 'bluesky', purpose: 'Information' })).body;

const upload = (parts: FormPart[], platformId = platform.id) => {
  const { payload, contentType } = multipartBody(parts);
  return t.app.inject({ method: 'POST', url: `${ws}/strategy/platforms/${platformId}/assets`, payload, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': contentType } });
};
const logo = await sharp({ create: { width: 320, height: 120, channels: 4, background: { r: 31, g: 78, b: 121, alpha: 1 } } }).png().withMetadata({ exif: { IFD0: { Copyright: 'Amt' } } }).toBuffer();

describe('brand assets', () => {
  it('stores an uploaded logo re-encoded, lists it and serves it to members', async () => {
    const r = await upload([{ name: 'label', value: 'Logo, blau' }, { name: 'file', filename: 'logo.png', contentType: 'image/png', data: logo }]);
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ platformId: platform.id, filename: 'logo.png', label: 'Logo, blau', mimeType: 'image/png', width: 320, height: 120 });
    const list = await c.get(`${ws}/strategy/platforms/${platform.id}/assets`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const file = await t.app.inject({ method: 'GET', url: a.fileUrl, headers: { cookie: c.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await sharp(file.rawPayload).metadata()).exif).toBeUndefined();
  });

  it('refuses an oversized file with 413 naming the field, and a file that is no image', async () => {
    const big = Buffer.alloc(BRAND_ASSET_MAX_BYTES + 1024, 1);
    const r = await upload([{ name: 'file', filename: 'huge.png', contentType: 'image/png', data: big }]);
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'asset_too_large', errors: [{ path: 'body.file' }] });
    const text = await upload([{ name: 'file', filename: 'logo.png', contentType: 'image/png', data: Buffer.from('no image at all') }]);
    expect(text.statusCode).toBe(422);
    expect(text.json().errors[0].path).toBe('body.file');
    const none = await upload([{ name: 'label', value: 'ohne Datei' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('body.file');
  });

  it('keeps other workspaces out and audits the deletion', async () => {
    const other = await buildWorkspace(t.ctx.database);
    const oc = new TestClient(t.app);
    await oc.login(other.owner.email);
    const [a] = (await c.get(`${ws}/strategy/platforms/${platform.id}/assets`)).body.items;
    expect((await oc.get(`/api/v1/workspaces/${other.workspace.id}/strategy/assets/${a.id}/file`)).status).toBe(404);
    expect((await oc.get(`${ws}/strategy/platforms/${platform.id}/assets`)).status).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: `${ws}/strategy/assets/${a.id}`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
    expect(del.statusCode).toBe(204);
    const audit = await c.get(`${ws}/audit?action=strategy.brand_asset.deleted`);
    expect(audit.body.items).toHaveLength(1);
  });
});
