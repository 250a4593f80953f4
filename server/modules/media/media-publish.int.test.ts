/**
 * Images on their way to the networks: the alt-text gate at submission and again at approval (the
 * workspace may relax it, audited), per-network checks of text and images, and the publish runner
 * sending each network the bytes it accepts (Bluesky the compact copy under 1 MB, Mastodon the
 * master) with the approved alt text.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTODON_DEFAULT_LIMITS } from '../../../providers/mastodon/mastodon.limits.ts';
import { loggedIn, type TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipartBody } from '../../test/multipart.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { createFakeNetwork, type FakeNetwork } from '../publishing/fake-provider.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { runPublishTarget, type RunnerDeps } from '../publishing/publish-runner.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { mediaRootOf } from './media-store.ts';

let t: TestApp;
let bsky: FakeNetwork, masto: FakeNetwork;
let owner: TestClient, author: TestClient, editor2: TestClient, approver: TestClient;
let ws: string, bskyId: string, mastoId: string;
let deps: RunnerDeps;
const base = () => `/api/v1/workspaces/${ws}`;

async function uploadImage(c: TestClient, data: Buffer, name: string, type: string) {
  const { payload, contentType } = multipartBody([{ name: 'file', filename: name, contentType: type, data }]);
  const r = await c.request('POST', `${base()}/media`, payload, { 'content-type': contentType });
  expect(r.status).toBe(201);
  return r.body as { id: string; bytes: number; mimeType: string; compact: { bytes: number; mimeType: string } | null };
}
const smallJpeg = () => sharp({ create: { width: 300, height: 200, channels: 3, background: '#f4a261' } }).jpeg().toBuffer();
const noisePng = () => sharp(randomBytes(1200 * 1200 * 3), { raw: { width: 1200, height: 1200, channels: 3 } }).png().toBuffer();

beforeAll(async () => {
  t = await createTestApp();
  bsky = createFakeNetwork('bluesky');
  masto = createFakeNetwork('mastodon', { kind: 'idempotency_key', windowMs: 3600_000 });
  setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? bsky.provider : n === 'mastodon' ? masto.provider : undefined) });
  const w = await buildWorkspace(t.ctx.database);
  ws = w.workspace.id;
  const [a, e, ap] = await Promise.all([buildMember(t.ctx.database, ws, ['editor']), buildMember(t.ctx.database, ws, ['editor']), buildMember(t.ctx.database, ws, ['approver'])]);
  [owner, author, editor2, approver] = await Promise.all([loggedIn(t.app, w.owner.email), loggedIn(t.app, a.email), loggedIn(t.app, e.email), loggedIn(t.app, ap.email)]);
  bskyId = (await owner.post(`${base()}/channels`, { network: 'bluesky', name: 'Bluesky Amt' })).body.id;
  mastoId = (await owner.post(`${base()}/channels`, { network: 'mastodon', name: 'Mastodon Amt' })).body.id;
  for (const id of [bskyId, mastoId]) expect((await owner.post(`${base()}/channels/${id}/connect/password`, { identifier: 'amt', password: 'app-pass-1234' })).body.status).toBe('connected');
  // The fake logs in like Bluesky; the Mastodon channel gets a stock instance's limits.
  await t.ctx.database.db.update(channels).set({ limits: MASTODON_DEFAULT_LIMITS }).where(eq(channels.id, mastoId));
  deps = { database: t.ctx.database, secrets: t.ctx.secrets, clock: t.ctx.clock, providers: (n) => (n === 'bluesky' ? bsky.provider : masto.provider), leaseMs: 30_000, maxAttempts: 3, mediaRoot: mediaRootOf(t.ctx.config) };
});
afterAll(async () => t.close());

const inAnHour = () => ({ at: new Date(t.ctx.clock.now().getTime() + 3600_000).toISOString() });

describe('alt-text gate', () => {
  it('refuses submission while an image has no alt text, naming the image', async () => {
    const img = await uploadImage(author, await smallJpeg(), 'a.jpg', 'image/jpeg');
    const p = await author.post(`${base()}/posts`, { text: 'Bild ohne Beschreibung', channelIds: [bskyId, mastoId], media: [{ id: img.id, altText: '  ' }] });
    expect(p.status).toBe(201);
    const r = await author.post(`${base()}/posts/${p.body.id}/submit`);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('post_invalid');
    expect(r.body.errors).toContainEqual({ path: 'body.media.0.altText', message: 'Alt text is required for every image.' });
    expect((await author.get(`${base()}/posts/${p.body.id}`)).body.targets.every((x: { state: string }) => x.state === 'draft')).toBe(true);
  });

  it('a relaxed workspace policy lets it through (audited); re-tightened, the approval refuses it', async () => {
    const img = await uploadImage(author, await smallJpeg(), 'b.jpg', 'image/jpeg');
    const p = await author.post(`${base()}/posts`, { text: 'Ohne Alt-Text', channelIds: [bskyId], media: [{ id: img.id, altText: '' }], schedule: inAnHour() });
    expect((await editor2.patch(`${base()}/publishing/settings`, { altTextRequired: false })).status).toBe(403);
    expect((await owner.patch(`${base()}/publishing/settings`, { altTextRequired: false })).body.altTextRequired).toBe(false);
    const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'publishing.settings_updated')));
    expect(audit.at(-1)!.after).toEqual({ altTextRequired: false });
    expect((await author.post(`${base()}/posts/${p.body.id}/submit`)).status).toBe(200);
    await owner.patch(`${base()}/publishing/settings`, { altTextRequired: true });
    const refused = await editor2.post(`${base()}/posts/${p.body.id}/approve`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual({ path: 'body.media.0.altText', message: 'Alt text is required for every image.' });
    const fixed = await author.patch(`${base()}/posts/${p.body.id}`, { media: [{ id: img.id, altText: 'Ein Stapel Anträge auf einem Schreibtisch' }] });
    expect(fixed.body.targets[0].state).toBe('in_review');
    expect((await editor2.post(`${base()}/posts/${p.body.id}/approve`, {})).status).toBe(200);
  });

  it('checks alt text length and text length by each network’s rule', async () => {
    const img = await uploadImage(author, await smallJpeg(), 'c.jpg', 'image/jpeg');
    const long = 'Ä'.repeat(301);
    const p = await author.post(`${base()}/posts`, { text: long, channelIds: [bskyId, mastoId], media: [{ id: img.id, altText: 'x'.repeat(1600) }] });
    const r = await author.post(`${base()}/posts/${p.body.id}/submit`);
    expect(r.status).toBe(422);
    const paths = r.body.errors.map((e: { path: string; message: string }) => `${e.path}: ${e.message}`);
    // Bluesky: 301 graphemes > 300; Mastodon: 301 ≤ 500, but 1600 characters of alt text > its 1500.
    expect(paths).toContainEqual(expect.stringMatching(/^body\.text: Too long for Bluesky Amt: 301 of 300/));
    expect(paths).toContainEqual(expect.stringMatching(/^body\.media\.0\.altText: Alt text too long for Mastodon Amt: 1600 of 1500/));
    expect(paths.some((x: string) => x.includes('Too long for Mastodon'))).toBe(false);
  });
});

describe('publishing with images', () => {
  async function publishedWith(mediaId: string, alt: string) {
    const p = await author.post(`${base()}/posts`, { text: 'Neues Foto aus dem Bürgerservice', channelIds: [bskyId, mastoId], media: [{ id: mediaId, altText: alt }], schedule: inAnHour() });
    expect((await author.post(`${base()}/posts/${p.body.id}/submit`)).status).toBe(200);
    await editor2.post(`${base()}/posts/${p.body.id}/approve`, {});
    const done = await approver.post(`${base()}/posts/${p.body.id}/approve`, {});
    expect(done.body.targets.map((x: { state: string }) => x.state)).toEqual(['scheduled', 'scheduled']);
    t.clock.advance(2 * 3600_000);
    const outcomes = [];
    for (const target of done.body.targets) outcomes.push(await runPublishTarget(deps, target.id));
    return { post: done.body, outcomes };
  }

  it('sends Bluesky the compact copy under 1 MB and Mastodon the master, both with the approved alt text', async () => {
    const img = await uploadImage(author, await noisePng(), 'rauschen.png', 'image/png');
    expect(img.bytes).toBeGreaterThan(1_000_000);
    const { post, outcomes } = await publishedWith(img.id, 'Grauer Bildschirm voller Rauschen');
    expect(outcomes.map((o) => o.kind)).toEqual(['published', 'published']);
    const toBsky = bsky.sent.find((r) => post.targets.some((x: { id: string; channelId: string }) => x.id === r.targetId && x.channelId === bskyId))!;
    const toMasto = masto.sent.find((r) => post.targets.some((x: { id: string; channelId: string }) => x.id === r.targetId && x.channelId === mastoId))!;
    expect(toBsky.media).toHaveLength(1);
    expect(toBsky.media![0]).toMatchObject({ mimeType: 'image/jpeg', altText: 'Grauer Bildschirm voller Rauschen' });
    expect(toBsky.media![0]!.data.byteLength).toBe(img.compact!.bytes);
    expect(toBsky.media![0]!.data.byteLength).toBeLessThanOrEqual(1_000_000);
    expect(toMasto.media![0]).toMatchObject({ mimeType: 'image/png', altText: 'Grauer Bildschirm voller Rauschen' });
    expect(toMasto.media![0]!.data.byteLength).toBe(img.bytes);
    expect((await sharp(Buffer.from(toMasto.media![0]!.data)).metadata()).width).toBe(1200);
  });

  it('fails the target with a clear message when the image file is gone, and sends nothing', async () => {
    const img = await uploadImage(author, await smallJpeg(), 'weg.jpg', 'image/jpeg');
    await rm(join(mediaRootOf(t.ctx.config), ws, `${img.id}.jpg`));
    const sentBefore = bsky.sent.length + masto.sent.length;
    const { post, outcomes } = await publishedWith(img.id, 'Ein Bild, das verloren ging');
    expect(outcomes.map((o) => o.kind)).toEqual(['failed', 'failed']);
    expect(bsky.sent.length + masto.sent.length).toBe(sentBefore);
    const after = await author.get(`${base()}/posts/${post.id}`);
    expect(after.body.targets[0].lastError).toContain('missing in the media storage');
  });
});
