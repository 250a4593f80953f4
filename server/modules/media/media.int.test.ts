/**
 * The media library against real PostgreSQL and the real file store: upload with re-encoding and
 * EXIF removal, a compact copy for Bluesky's 1 MB limit, the bad inputs of the issue (50 MB upload,
 * unsupported and fake types) leaving no row and no file, workspace isolation, alt text, delete
 * only when unused, and files served to members only.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, TestClient, type Res } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipartBody, type FormPart } from '../../test/multipart.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { COMPACT_MAX_BYTES } from './media-image.ts';
import { mediaAssets } from './media.schema.ts';
import { mediaRootOf } from './media-store.ts';

let t: TestApp;
let owner: TestClient, editor: TestClient, analyst: TestClient, strangerOwner: TestClient;
let ws: string, otherWs: string;
let root: string;

beforeAll(async () => {
  t = await createTestApp();
  root = mediaRootOf(t.ctx.config);
  const a = await buildWorkspace(t.ctx.database);
  const b = await buildWorkspace(t.ctx.database);
  ws = a.workspace.id;
  otherWs = b.workspace.id;
  const e = await buildMember(t.ctx.database, ws, ['editor']);
  const an = await buildMember(t.ctx.database, ws, ['analyst']);
  [owner, editor, analyst, strangerOwner] = await Promise.all([loggedIn(t.app, a.owner.email), loggedIn(t.app, e.email), loggedIn(t.app, an.email), loggedIn(t.app, b.owner.email)]);
});
afterAll(async () => t.close());

const url = (w = ws) => `/api/v1/workspaces/${w}/media`;
const upload = (c: TestClient, parts: FormPart[], w = ws): Promise<Res> => {
  const { payload, contentType } = multipartBody(parts);
  return c.request('POST', url(w), payload, { 'content-type': contentType });
};
const file = (data: Uint8Array, filename = 'bild.jpg', contentType = 'image/jpeg'): FormPart => ({ name: 'file', filename, contentType, data });
const filesOf = (w: string): string[] => {
  try {
    return readdirSync(join(root, w));
  } catch {
    return [];
  }
};
const rowsOf = async (w: string) => t.ctx.database.db.select().from(mediaAssets).where(eq(mediaAssets.workspaceId, w));

/** A 600×400 JPEG photographed "rotated" (EXIF orientation 6) with camera and GPS metadata. */
async function cameraJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: '#2a6f97' } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestCam', Copyright: 'Pressestelle' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 0/1' } })
    .toBuffer();
}

/** Noise does not compress: a 1400×1400 PNG of noise is ~5.9 MB. */
async function bigPng(): Promise<Buffer> {
  return sharp(randomBytes(1400 * 1400 * 3), { raw: { width: 1400, height: 1400, channels: 3 } }).png().toBuffer();
}

describe('upload', () => {
  it('re-encodes the image: EXIF orientation applied, camera and GPS metadata gone, thumbnail made', async () => {
    const r = await upload(editor, [file(await cameraJpeg(), 'C:\\Fotos\\Tag der offenen Tür.jpg'), { name: 'altText', value: '  Besucher im Foyer  ' }]);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ mimeType: 'image/jpeg', width: 400, height: 600, altText: 'Besucher im Foyer', filename: 'Tag der offenen Tür.jpg', inUse: false, compact: null });
    const served = await editor.request('GET', r.body.fileUrl);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(String(served.headers['cache-control'])).toContain('private');
    const bytes = Buffer.from(served.text, 'latin1');
    const meta = await t.app.inject({ method: 'GET', url: r.body.fileUrl, headers: { cookie: editor.cookie } }).then((x) => sharp(x.rawPayload).metadata());
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.width).toBe(400);
    expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
    const thumb = await t.app.inject({ method: 'GET', url: r.body.thumbUrl, headers: { cookie: editor.cookie } });
    expect(thumb.headers['content-type']).toBe('image/webp');
    const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'media.uploaded'), eq(auditLog.objectId, r.body.id)));
    expect(audit).toHaveLength(1);
  });

  it('keeps a master and a compact copy under 1 MB for networks with a small limit', async () => {
    const r = await upload(editor, [file(await bigPng(), 'rauschen.png', 'image/png')]);
    expect(r.status).toBe(201);
    expect(r.body.mimeType).toBe('image/png');
    expect(r.body.bytes).toBeGreaterThan(1_000_000);
    expect(r.body.compact.mimeType).toBe('image/jpeg');
    expect(r.body.compact.bytes).toBeLessThanOrEqual(COMPACT_MAX_BYTES);
    const compact = await t.app.inject({ method: 'GET', url: `${r.body.fileUrl}?variant=compact`, headers: { cookie: editor.cookie } });
    expect(compact.rawPayload.length).toBe(r.body.compact.bytes);
  });

  it('keeps an animated GIF animated', async () => {
    const frames = await Promise.all(['#c00', '#0c0', '#00c'].map((c) => sharp({ create: { width: 40, height: 40, channels: 3, background: c } }).png().toBuffer()));
    const anim = await sharp(frames, { join: { animated: true } }).gif({ loop: 0 }).toBuffer();
    const r = await upload(editor, [file(anim, 'puls.gif', 'image/gif')]);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ mimeType: 'image/gif', width: 40, height: 40 });
    const served = await t.app.inject({ method: 'GET', url: r.body.fileUrl, headers: { cookie: editor.cookie } });
    expect((await sharp(served.rawPayload).metadata()).pages).toBe(3);
  });
});

describe('bad input leaves nothing behind', () => {
  it('a 50 MB upload is a 413 problem naming the file; no row, no file', async () => {
    const before = { rows: (await rowsOf(ws)).length, files: filesOf(ws).length };
    const r = await upload(editor, [file(Buffer.alloc(50 * 1024 * 1024, 1), 'riesig.jpg')]);
    expect(r.status).toBe(413);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.code).toBe('media_too_large');
    expect(r.body.errors).toEqual([{ path: 'body.file', message: expect.stringContaining('16 MB') }]);
    expect({ rows: (await rowsOf(ws)).length, files: filesOf(ws).length }).toEqual(before);
  });

  it('an unsupported image type (TIFF) is a 415 naming the file and the type', async () => {
    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).tiff().toBuffer();
    const before = { rows: (await rowsOf(ws)).length, files: filesOf(ws).length };
    const r = await upload(editor, [file(tiff, 'scan.jpg', 'image/jpeg')]);
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('unsupported_media_type');
    expect(r.body.errors[0]).toEqual({ path: 'body.file', message: expect.stringContaining('image/tiff') });
    expect({ rows: (await rowsOf(ws)).length, files: filesOf(ws).length }).toEqual(before);
  });

  it('a text file claiming to be a PNG is refused by its content (422), and an SVG as unsupported', async () => {
    const fake = await upload(editor, [file(Buffer.from('<?php echo 1; ?>'), 'bild.png', 'image/png')]);
    expect(fake.status).toBe(422);
    expect(fake.body).toMatchObject({ code: 'not_an_image', errors: [{ path: 'body.file' }] });
    const svg = await upload(editor, [file(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), 'logo.svg', 'image/svg+xml')]);
    expect(svg.status).toBe(415);
    expect(svg.body.errors[0].path).toBe('body.file');
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    const r = await upload(editor, [file(bomb, 'bombe.png', 'image/png')]);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'image_too_large', errors: [{ path: 'body.file' }] });
  });

  it('names the field for a missing file, an empty file, unknown fields, JSON instead of multipart', async () => {
    expect((await upload(editor, [{ name: 'altText', value: 'nur Text' }])).body.errors).toEqual([{ path: 'body.file', message: expect.any(String) }]);
    expect((await upload(editor, [file(Buffer.alloc(0))])).body.errors[0].path).toBe('body.file');
    const extra = await upload(editor, [{ name: 'owner', value: 'x' }, file(await cameraJpeg())]);
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].path).toBe('body.owner');
    const json = await editor.post(url(), { file: 'data:image/png;base64,AAAA' });
    expect(json.status).toBe(415);
    expect(json.body.errors[0].path).toBe('body.file');
    const tooLongAlt = await upload(editor, [file(await cameraJpeg()), { name: 'altText', value: 'x'.repeat(2001) }]);
    expect(tooLongAlt.status).toBe(400);
    expect(tooLongAlt.body.errors[0].path).toBe('body.altText');
  });

  it('a broken multipart body is a 400, not a crash', async () => {
    const r = await editor.request('POST', url(), Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc'), { 'content-type': 'multipart/form-data; boundary=b' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });
});

describe('library', () => {
  it('lists only the workspace\'s own images; another workspace gets 404 for them and their files', async () => {
    const mine = await upload(editor, [file(await cameraJpeg(), 'eigenes.jpg')]);
    const theirs = await upload(strangerOwner, [file(await cameraJpeg(), 'fremdes.jpg')], otherWs);
    expect(theirs.status).toBe(201);
    const list = await analyst.get(url());
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { filename: string }) => m.filename)).toContain('eigenes.jpg');
    expect(list.body.items.map((m: { filename: string }) => m.filename)).not.toContain('fremdes.jpg');
    expect((await owner.get(`${url()}/${theirs.body.id}`)).status).toBe(404);
    expect((await owner.get(`${url()}/${theirs.body.id}/file`)).status).toBe(404);
    expect((await owner.request('GET', `${url(otherWs)}/${theirs.body.id}/file`)).status).toBe(404);
    expect((await strangerOwner.get(`${url()}/${mine.body.id}/file`)).status).toBe(404);
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get(`${url()}/${mine.body.id}/file`)).status).toBe(401);
    // A foreign image cannot be smuggled into a post either.
    const post = await editor.post(`/api/v1/workspaces/${ws}/posts`, { text: 'Mit fremdem Bild', media: [{ id: theirs.body.id, altText: 'x' }] });
    expect(post.status).toBe(400);
    expect(post.body.errors).toEqual([{ path: 'body.media.0.id', message: expect.stringContaining('unknown image') }]);
  });

  it('an analyst may see but not upload; alt text is editable and audited', async () => {
    const denied = await upload(analyst, [file(await cameraJpeg())]);
    expect(denied.status).toBe(403);
    const m = await upload(editor, [file(await cameraJpeg())]);
    const p = await editor.patch(`${url()}/${m.body.id}`, { altText: 'Zwei Personen am Infostand' });
    expect(p.body.altText).toBe('Zwei Personen am Infostand');
    const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'media.alt_text_updated'), eq(auditLog.objectId, m.body.id)));
    expect(audit[0]!.before).toEqual({ altText: '' });
  });

  it('deletes an image only while no post uses it, and removes its files', async () => {
    const m = await upload(editor, [file(await bigPng(), 'gross.png', 'image/png')]);
    const post = await editor.post(`/api/v1/workspaces/${ws}/posts`, { text: 'Mit Bild', media: [{ id: m.body.id, altText: 'Rauschen' }] });
    expect(post.status).toBe(201);
    expect(post.body.media).toEqual([{ id: m.body.id, mimeType: 'image/png', altText: 'Rauschen' }]);
    // The library entry had no alt text: it adopts the one written for the post.
    expect((await editor.get(`${url()}/${m.body.id}`)).body.altText).toBe('Rauschen');
    expect((await editor.get(`${url()}/${m.body.id}`)).body.inUse).toBe(true);
    const refused = await editor.delete(`${url()}/${m.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('media_in_use');
    const filesBefore = filesOf(ws).filter((f) => f.startsWith(m.body.id));
    expect(filesBefore).toHaveLength(3);
    await editor.patch(`/api/v1/workspaces/${ws}/posts/${post.body.id}`, { media: [] });
    expect((await editor.delete(`${url()}/${m.body.id}`)).status).toBe(204);
    expect(filesOf(ws).filter((f) => f.startsWith(m.body.id))).toEqual([]);
    expect((await editor.get(`${url()}/${m.body.id}`)).status).toBe(404);
  });
});
