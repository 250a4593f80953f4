import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../providers/errors.ts';
import { loggedIn, type TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { multipartBody } from '../../test/multipart.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createFakeNetwork, type FakeNetwork } from './fake-provider.ts';
import { setPublishingDeps } from './provider-resolver.ts';
import { runPublishTarget, type RunnerDeps } from './publish-runner.ts';
import { channels, publishTargets } from './publishing.schema.ts';

let t: TestApp;
let net: FakeNetwork;
let owner: TestClient, author: TestClient, editor2: TestClient, approver: TestClient;
let ws: string;
let channelId: string;
let deps: RunnerDeps;
const base = () => `/api/v1/workspaces/${ws}`;

beforeAll(async () => {
  t = await createTestApp();
  net = createFakeNetwork('bluesky');
  setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? net.provider : undefined) });
  const w = await buildWorkspace(t.ctx.database);
  ws = w.workspace.id;
  const a = await buildMember(t.ctx.database, ws, ['editor']);
  const e = await buildMember(t.ctx.database, ws, ['editor']);
  const ap = await buildMember(t.ctx.database, ws, ['approver']);
  [owner, author, editor2, approver] = await Promise.all([loggedIn(t.app, w.owner.email), loggedIn(t.app, a.email), loggedIn(t.app, e.email), loggedIn(t.app, ap.email)]);
  const ch = await owner.post(`${base()}/channels`, { network: 'bluesky', name: 'Bluesky Amt' });
  channelId = ch.body.id;
  const conn = await owner.post(`${base()}/channels/${channelId}/connect/password`, { identifier: 'amt.bsky.social', password: 'app-pass-1234-abcd' });
  expect(conn.body.status).toBe('connected');
  deps = { database: t.ctx.database, secrets: t.ctx.secrets, clock: t.ctx.clock, providers: () => net.provider, leaseMs: 30_000, maxAttempts: 3 };
});
afterAll(async () => t.close());

async function approvedPost(text: string, at: Date | null) {
  const p = await author.post(`${base()}/posts`, { text, channelIds: [channelId], schedule: at ? { at: at.toISOString() } : null, campaign: 'Sommer', topic: 'Service' });
  expect(p.status).toBe(201);
  expect((await author.post(`${base()}/posts/${p.body.id}/submit`)).status).toBe(200);
  expect((await editor2.post(`${base()}/posts/${p.body.id}/approve`, {})).status).toBe(200);
  const r = await approver.post(`${base()}/posts/${p.body.id}/approve`, { comment: 'passt' });
  expect(r.status).toBe(200);
  return r.body;
}

describe('approval workflow', () => {
  it('four-eyes: the author cannot approve; editor → approver schedules the post', async () => {
    const at = new Date(t.ctx.clock.now().getTime() + 3600_000);
    const p = await author.post(`${base()}/posts`, { text: 'Hallo Welt', channelIds: [channelId], schedule: { at: at.toISOString() } });
    await author.post(`${base()}/posts/${p.body.id}/submit`);
    const self = await author.post(`${base()}/posts/${p.body.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('four_eyes');
    const wrongStep = await approver.post(`${base()}/posts/${p.body.id}/approve`, {});
    expect(wrongStep.body.code).toBe('not_eligible');
    await editor2.post(`${base()}/posts/${p.body.id}/approve`, {});
    const done = await approver.post(`${base()}/posts/${p.body.id}/approve`, {});
    expect(done.body.approval.complete).toBe(true);
    expect(done.body.targets[0].state).toBe('scheduled');
  });

  it('an edit of an approved post sends it back to review, with a readable diff', async () => {
    const post = await approvedPost('Zeile eins\nZeile zwei', new Date(t.ctx.clock.now().getTime() + 3600_000));
    const e = await author.patch(`${base()}/posts/${post.id}`, { text: 'Zeile eins\nZeile 2' });
    expect(e.body.targets[0].state).toBe('in_review');
    expect(e.body.approval.pendingStep).toBe(0);
    const v = await author.get(`${base()}/posts/${post.id}/versions`);
    expect(v.body.items[1].diff).toContain('- Zeile zwei\n+ Zeile 2');
    // Metadata is not content: tagging does not restart review.
    const again = await approvedPost('Nur Metadaten', new Date(t.ctx.clock.now().getTime() + 3600_000));
    const tagged = await author.patch(`${base()}/posts/${again.id}`, { campaign: 'Herbst' });
    expect(tagged.body.targets[0].state).toBe('scheduled');
  });

  it('request changes returns the post to draft with the comment recorded', async () => {
    const p = await author.post(`${base()}/posts`, { text: 'Entwurf', channelIds: [channelId] });
    await author.post(`${base()}/posts/${p.body.id}/submit`);
    const r = await editor2.post(`${base()}/posts/${p.body.id}/request-changes`, { comment: 'Bitte kürzer' });
    expect(r.body.targets[0].state).toBe('draft');
    expect((await editor2.post(`${base()}/posts/${p.body.id}/request-changes`, {})).status).toBe(400);
  });

  it('late approval expires the target; the workspace option publishes immediately', async () => {
    const past = new Date(t.ctx.clock.now().getTime() - 60_000);
    expect((await approvedPost('Zu spät', past)).targets[0].state).toBe('expired');
    await owner.patch(`${base()}/publishing/settings`, { lateApproval: 'publish_now' });
    const now = await approvedPost('Sofort', past);
    expect(now.targets[0].state).toBe('scheduled');
    expect(new Date(now.targets[0].scheduledAt).getTime()).toBeGreaterThan(past.getTime());
    await owner.patch(`${base()}/publishing/settings`, { lateApproval: 'expire' });
  });
});

describe('scheduling across DST in Europe/Berlin', () => {
  it('stores local 09:00 as 08:00Z before and 07:00Z after the last Sunday of March', async () => {
    const a = await author.post(`${base()}/posts`, { text: 'Sa', channelIds: [channelId], schedule: { local: '2031-03-29T09:00' } });
    const b = await author.post(`${base()}/posts`, { text: 'So', channelIds: [channelId], schedule: { local: '2031-03-30T09:00' } });
    const c = await author.post(`${base()}/posts`, { text: 'Okt', channelIds: [channelId], schedule: { local: '2031-10-26T09:00' } });
    expect(a.body.scheduledAt).toBe('2031-03-29T08:00:00.000Z');
    expect(b.body.scheduledAt).toBe('2031-03-30T07:00:00.000Z');
    expect(c.body.scheduledAt).toBe('2031-10-26T08:00:00.000Z');
    expect(b.body.scheduledLocal).toBe('2031-03-30T09:00');
  });
});

describe('pause', () => {
  it('sends nothing while paused and lists overdue targets on resume instead of sending them', async () => {
    const post = await approvedPost('Pause-Test', new Date(t.ctx.clock.now().getTime() + 1000));
    const targetId = post.targets[0].id;
    expect((await owner.post(`${base()}/publishing/pause`)).status).toBe(200);
    t.clock.advance(5000);
    const sentBefore = net.sent.length;
    expect((await runPublishTarget(deps, targetId)).kind).toBe('skipped');
    expect(net.sent.length).toBe(sentBefore);
    const resumed = await owner.post(`${base()}/publishing/resume`);
    expect(resumed.body.items.map((i: { targetId: string }) => i.targetId)).toContain(targetId);
    expect((await runPublishTarget(deps, targetId)).kind).toBe('skipped'); // held: waits for a decision
    const d = await owner.post(`${base()}/publishing/targets/${targetId}/decision`, { action: 'publish_now' });
    expect(d.body.heldAt).toBeNull();
    expect((await runPublishTarget(deps, targetId)).kind).toBe('published');
    expect(net.sent.length).toBe(sentBefore + 1);
  });
});

describe('publishing errors', () => {
  it('invalid → failed with the network message; reauth flags the channel', async () => {
    const p1 = await approvedPost('Wird abgelehnt', new Date(t.ctx.clock.now().getTime() + 1000));
    t.clock.advance(2000);
    net.failNext.push(new ProviderError({ kind: 'invalid', network: 'bluesky', message: 'rejected', networkMessage: 'Record/text must not be longer than 300 graphemes' }));
    expect((await runPublishTarget(deps, p1.targets[0].id)).kind).toBe('failed');
    const got = await author.get(`${base()}/posts/${p1.id}`);
    expect(got.body.targets[0]).toMatchObject({ state: 'failed', lastError: 'Record/text must not be longer than 300 graphemes' });

    const p2 = await approvedPost('Token weg', new Date(t.ctx.clock.now().getTime() + 1000));
    t.clock.advance(2000);
    net.failNext.push(new ProviderError({ kind: 'reauth', network: 'bluesky', message: 'expired token' }));
    await runPublishTarget(deps, p2.targets[0].id);
    const [ch] = await t.ctx.database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(ch!.status).toBe('needs_reauth');
    await owner.post(`${base()}/channels/${channelId}/connect/password`, { identifier: 'amt.bsky.social', password: 'app-pass-1234-abcd' });
  });

  it('retry → back to scheduled with back-off honouring retry-after', async () => {
    const p = await approvedPost('Später nochmal', new Date(t.ctx.clock.now().getTime() + 1000));
    t.clock.advance(2000);
    net.failNext.push(new ProviderError({ kind: 'retry', network: 'bluesky', message: '503', retryAfterMs: 60_000 }));
    const r = await runPublishTarget(deps, p.targets[0].id);
    expect(r.kind).toBe('retry');
    expect((await runPublishTarget(deps, p.targets[0].id)).kind).toBe('defer');
    t.clock.advance(61_000);
    expect((await runPublishTarget(deps, p.targets[0].id)).kind).toBe('published');
  });
});

describe('bad input and secrets', () => {
  it('refuses oversized text by the network rule and missing alt text with field paths', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const form = multipartBody([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: png }]);
    const img = await author.request('POST', `${base()}/media`, form.payload, { 'content-type': form.contentType });
    // A reference to something that is not in the library is refused outright.
    const unknown = await author.post(`${base()}/posts`, { text: 'x', channelIds: [channelId], media: [{ id: crypto.randomUUID(), altText: 'x' }] });
    expect(unknown.body.errors[0].path).toBe('body.media.0.id');
    const p = await author.post(`${base()}/posts`, { text: '👩‍👩‍👧'.repeat(301), channelIds: [channelId], media: [{ id: img.body.id, altText: '' }] });
    const r = await author.post(`${base()}/posts/${p.body.id}/submit`);
    expect(r.status).toBe(422);
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.text');
    expect(paths).toContain('body.media.0.altText');
    // 300 family emoji are 300 graphemes: fine for Bluesky.
    const ok = await author.post(`${base()}/posts`, { text: '👩‍👩‍👧'.repeat(300), channelIds: [channelId] });
    expect((await author.post(`${base()}/posts/${ok.body.id}/submit`)).status).toBe(200);
  });

  it('a long text chosen as a thread passes review and shows its parts; a thread longer than 25 parts is refused', async () => {
    const long = Array.from({ length: 10 }, (_, i) => `Satz ${i + 1} zur neuen Förderrichtlinie, die ab März gilt.`).join(' ');
    const single = await author.post(`${base()}/posts`, { text: long, channelIds: [channelId] });
    expect((await author.post(`${base()}/posts/${single.body.id}/submit`)).status).toBe(422);
    const p = await author.post(`${base()}/posts`, { text: long, channelIds: [channelId], thread: true });
    expect(p.status).toBe(201);
    expect(p.body.thread).toBe(true);
    const parts = p.body.targets[0].thread.parts as { text: string; remoteId: string | null }[];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((x) => x.remoteId === null && [...new Intl.Segmenter().segment(x.text)].length <= 300)).toBe(true);
    expect((await author.post(`${base()}/posts/${p.body.id}/submit`)).status).toBe(200);
    const huge = await author.post(`${base()}/posts`, { text: 'Ein Satz mit einigen Worten darin. '.repeat(250), channelIds: [channelId], thread: true });
    const r = await author.post(`${base()}/posts/${huge.body.id}/submit`);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ path: 'body.text', message: expect.stringMatching(/at most 25/) });
  });

  it('an unreachable PDS is a clear 422 and leaves the channel unconnected', async () => {
    const ch = await owner.post(`${base()}/channels`, { network: 'bluesky', name: 'Eigener PDS' });
    const r = await owner.post(`${base()}/channels/${ch.body.id}/connect/password`, { identifier: 'x.example', password: 'pw-pw-pw-pw', serviceUrl: 'https://unreachable.example' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('instance_unreachable');
    expect((await owner.get(`${base()}/channels`)).body.items.find((c: { id: string }) => c.id === ch.body.id).status).toBe('not_connected');
  });

  it('an OAuth callback with an unknown state is refused', async () => {
    const r = await owner.get(`${base()}/channels/oauth/callback?code=abc&state=forged`);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('oauth_state_invalid');
    // A browser coming back from the instance is sent to the channels page with the reason.
    const browser = await owner.request('GET', `${base()}/channels/oauth/callback?code=abc&state=forged`, undefined, { accept: 'text/html' });
    expect(browser.status).toBe(303);
    expect(browser.headers.location).toBe('/calendar/channels?error=oauth_state_invalid');
  });

  it('never stores or returns the app password in clear', async () => {
    const dump = await t.ctx.database.pool.query(`SELECT c.*::text AS row FROM channels c`);
    expect(dump.rows.map((r) => r.row).join('\n')).not.toContain('app-pass-1234-abcd');
    const audit = await t.ctx.database.pool.query(`SELECT before::text || after::text AS row FROM audit_log`);
    expect(audit.rows.map((r) => r.row).join('\n')).not.toContain('app-pass-1234-abcd');
    const list = await owner.get(`${base()}/channels`);
    expect(list.text).not.toContain('app-pass');
    expect(list.text).not.toContain('credentials');
    const [ch] = await t.ctx.database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(JSON.parse(t.ctx.secrets.open(ch!.credentialsSealed!)).appPassword).toBe('app-pass-1234-abcd');
  });

  it('editing a published post is refused', async () => {
    const p = await approvedPost('Schon draußen', new Date(t.ctx.clock.now().getTime() + 1000));
    t.clock.advance(2000);
    await runPublishTarget(deps, p.targets[0].id);
    const r = await author.patch(`${base()}/posts/${p.id}`, { text: 'Nachträglich' });
    expect(r.status).toBe(409);
    const n = await t.ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(publishTargets).where(eq(publishTargets.state, 'published'));
    expect(n[0]!.n).toBeGreaterThan(0);
  });
});

describe('withdrawing a published post', () => {
  it('deletes it on the network with a reason in the audit trail; only approvers may, only once', async () => {
    const p = await approvedPost('Falsche Zahl im Beitrag', new Date(t.ctx.clock.now().getTime() + 1000));
    const targetId = p.targets[0].id;
    const url = `${base()}/publishing/targets/${targetId}/withdraw`;
    expect((await owner.post(url, { reason: 'zu früh' })).body.code).toBe('not_published');
    t.clock.advance(2000);
    expect((await runPublishTarget(deps, targetId)).kind).toBe('published');
    const [published] = await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, targetId));

    expect((await author.post(url, { reason: 'Fehler' })).status).toBe(403);
    const missing = await approver.post(url, { reason: '  ' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('body.reason');
    // The network refuses: nothing changes, the person sees the network's answer.
    net.failNextDelete.push(new ProviderError({ kind: 'retry', network: 'bluesky', message: 'upstream', networkMessage: 'Upstream Failure' }));
    const refused = await approver.post(url, { reason: 'Falsche Zahl' });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ code: 'network_refused', detail: 'Bluesky Amt: Upstream Failure' });
    expect((await author.get(`${base()}/posts/${p.id}`)).body.targets[0].state).toBe('published');

    const ok = await approver.post(url, { reason: 'Falsche Zahl' });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('withdrawn');
    expect(net.deleted).toEqual([published!.remoteId]);
    const [audit] = await t.ctx.database.db.execute<{ after: { state: string; note: string } }>(sql`SELECT after FROM audit_log WHERE object_id = ${targetId} AND action = 'publish_target.withdrawn'`).then((r) => r.rows);
    expect(audit!.after).toEqual({ state: 'withdrawn', note: 'Falsche Zahl' });
    expect((await approver.post(url, { reason: 'nochmal' })).body.code).toBe('not_published');
    // A withdrawn post stays frozen: no edit reopens it.
    expect((await author.patch(`${base()}/posts/${p.id}`, { text: 'Neu' })).status).toBeGreaterThanOrEqual(400);
  });
});
