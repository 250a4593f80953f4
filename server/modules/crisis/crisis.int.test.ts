import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { TestClient } from '../../test/client.ts';
import { createFakeNetwork, type FakeNetwork } from '../publishing/fake-provider.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { posts, publishingSettings, publishTargets } from '../publishing/publishing.schema.ts';
import { contentHash } from '../publishing/post-content.ts';
import { crisisContacts, crisisStatements } from './crisis.schema.ts';
import { buildCrisisTeam, connectedChannel, preparedPlaybook, type CrisisTeam } from './crisis-fixtures.ts';
import { flushCrisisDeliveries, setCrisisWebhookFetch } from './crisis-webhooks.ts';

let t: TestApp;
let team: CrisisTeam;
let net: FakeNetwork;
let base: string;
let prepared: Awaited<ReturnType<typeof preparedPlaybook>>;
let channelId: string;
const hooks: { url: string; body: any; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  net = createFakeNetwork('bluesky');
  setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? net.provider : undefined) });
  setCrisisWebhookFetch(async (url, init) => {
    hooks.push({ url, body: JSON.parse(init.body), headers: init.headers });
    return { ok: true, status: 200 };
  });
  team = await buildCrisisTeam(t.app, t.ctx.database);
  base = `/api/v1/workspaces/${team.workspaceId}`;
  prepared = await preparedPlaybook(team);
  channelId = (await connectedChannel(t.ctx.database, t.ctx.secrets, team.workspaceId)).id;
});
afterAll(async () => {
  setCrisisWebhookFetch(null);
  await t.close();
});

const activate = (c: TestClient, over: object = {}) => c.post(`${base}/crises`, { playbookId: prepared.playbookId, severity: 2, reason: 'Falschmeldung verbreitet sich', ...over });
const room = async (id: string) => (await team.as.cvd.get(`${base}/crises/${id}/room`)).body;

describe('playbooks and holding statements', () => {
  it('versions a playbook, refuses a stale version and references outside the workspace', async () => {
    const p = await team.as.strategist.get(`${base}/crisis/playbooks/${prepared.playbookId}`);
    expect(p.body.version).toBe(1);
    const upd = await team.as.strategist.patch(`${base}/crisis/playbooks/${prepared.playbookId}`, { name: 'Falschmeldung (v2)', version: 1 });
    expect(upd.status).toBe(200);
    expect(upd.body.version).toBe(2);
    const stale = await team.as.strategist.patch(`${base}/crisis/playbooks/${prepared.playbookId}`, { name: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const content = { ...p.body.content, team: [{ label: 'Fremd', member: { kind: 'user', userId: '00000000-0000-4000-8000-000000000000' }, substituteUserId: null, escalateAfterMinutes: 5 }] };
    const bad = await team.as.strategist.patch(`${base}/crisis/playbooks/${prepared.playbookId}`, { content, version: 2 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('body.content.team.0.member.userId');
    const versions = await team.as.analyst.get(`${base}/crisis/playbooks/${prepared.playbookId}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await team.as.employee.get(`${base}/crisis/playbooks`)).status).toBe(403);
    expect((await team.as.editor.post(`${base}/crisis/playbooks`, { scenario: 'shitstorm', name: 'x', content: p.body.content })).status).toBe(403);
  });

  it('checks each network\'s length and passes the approval chain with four eyes; an edit needs approval again', async () => {
    const hb = `${base}/crisis/playbooks/${prepared.playbookId}/holding-statements`;
    const long = await team.as.strategist.post(hb, { title: 'Zu lang', language: 'de', register: 'du', text: 'ä'.repeat(301) });
    expect(long.body.lengths.find((l: { network: string }) => l.network === 'bluesky')).toMatchObject({ count: 301, max: 300, ok: false });
    const submit = await team.as.strategist.post(`${hb}/${long.body.id}/submit`);
    expect(submit.status).toBe(422);
    expect(submit.body.code).toBe('statement_too_long');
    expect(submit.body.errors[0].path).toBe('body.text');
    const fixed = await team.as.strategist.patch(`${hb}/${long.body.id}`, { variants: { bluesky: 'Kurz für Bluesky.' } });
    expect(fixed.body.lengths.every((l: { ok: boolean }) => l.ok)).toBe(true);
    expect((await team.as.strategist.post(`${hb}/${long.body.id}/submit`)).status).toBe(200);
    const own = await team.as.strategist.post(`${hb}/${long.body.id}/decision`, { decision: 'approved' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('four_eyes');
    expect((await team.as.approver.post(`${hb}/${long.body.id}/decision`, { decision: 'approved' })).body.code).toBe('not_eligible');
    await team.as.editor.post(`${hb}/${long.body.id}/decision`, { decision: 'approved' });
    const done = await team.as.approver.post(`${hb}/${long.body.id}/decision`, { decision: 'approved' });
    expect(done.body).toMatchObject({ status: 'approved', usable: true });
    const edited = await team.as.strategist.patch(`${hb}/${long.body.id}`, { text: 'ü'.repeat(290) });
    expect(edited.body).toMatchObject({ status: 'draft', usable: false });
  });
});

describe('crisis mode', () => {
  let crisisId: string;
  let dueTargetId: string;

  it('refuses a trigger from a role without crisis.decide and an unknown playbook, naming the field', async () => {
    for (const c of [team.as.editor, team.as.approver, team.as.strategist, team.as.employee]) {
      const r = await activate(c);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('forbidden');
    }
    const r = await activate(team.as.cvd, { playbookId: team.workspaceId });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('body.playbookId');
    const ch = await activate(team.as.cvd, { scope: 'channels', channelIds: [] });
    expect(ch.body.errors[0].path).toBe('body.channelIds');
    const [s] = await t.ctx.database.db.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, team.workspaceId));
    expect(s?.paused ?? false).toBe(false);
  });

  it('is declared by the duty editor: publishing pauses, the team is called, tasks are due, the banner shows it', async () => {
    // A post due in one minute: it must be held back, not published.
    const now = t.clock.now();
    const c = { text: 'Sommerfest am Amt!', variants: {}, media: [], contentWarning: null, language: 'de' };
    const [p] = await t.ctx.database.db.insert(posts).values({ workspaceId: team.workspaceId, ...c, contentHash: contentHash(c), scheduledAt: new Date(now.getTime() + 60_000) }).returning();
    const [tg] = await t.ctx.database.db.insert(publishTargets).values({ workspaceId: team.workspaceId, postId: p!.id, channelId, state: 'scheduled', scheduledAt: new Date(now.getTime() + 60_000) }).returning();
    dueTargetId = tg!.id;

    const r = await activate(team.as.cvd);
    expect(r.status).toBe(201);
    crisisId = r.body.id;
    expect(r.body).toMatchObject({ state: 'active', severity: 2, scope: 'workspace', drill: false });
    const [s] = await t.ctx.database.db.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, team.workspaceId));
    expect(s!.paused).toBe(true);
    const again = await activate(team.as.owner);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('crisis_already_active');

    const state = await team.as.employee.get(`${base}/crisis/state`);
    expect(state.body.active.id).toBe(crisisId);
    const rm = await room(crisisId);
    expect(rm.tasks.map((x: { title: string }) => x.title)).toEqual(['Lage einschätzen', 'Statement veröffentlichen']);
    expect(new Date(rm.tasks[0].dueAt).getTime() - new Date(rm.crisis.confirmedAt).getTime()).toBe(15 * 60_000);
    expect(rm.contacts.map((k: { userId: string }) => k.userId)).toEqual([team.ids.cvd, team.ids.approver]);
    expect(rm.events.some((e: { kind: string; reason: string }) => e.kind === 'decision' && e.reason === 'Falschmeldung verbreitet sich')).toBe(true);

    await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now());
    const call = t.mails.find((m) => m.subject.includes('Krisenfall') && m.text.includes('/ack/crisis/'));
    expect(call).toBeTruthy();
    await flushCrisisDeliveries();
    expect(hooks).toHaveLength(0); // no webhook configured yet
  });

  it('switches the approval path to the crisis chain (duty editor + one approver)', async () => {
    const post = await team.as.editor.post(`${base}/posts`, { text: 'Richtigstellung folgt.', channelIds: [channelId] });
    expect(post.status).toBe(201);
    expect(post.body.approval.steps.map((s: { name: string }) => s.name)).toEqual(['CvD (Krise)', 'Freigabe (Krise)']);
  });

  it('refuses a holding statement without approval; nothing reaches publishing', async () => {
    const hb = `${base}/crisis/playbooks/${prepared.playbookId}/holding-statements`;
    const draft = await team.as.strategist.post(hb, { title: 'Entwurf', language: 'de', register: 'du', text: 'Noch nicht freigegeben.' });
    const postsBefore = (await t.ctx.database.db.select().from(posts).where(eq(posts.workspaceId, team.workspaceId))).length;
    const r = await team.as.cvd.post(`${base}/crises/${crisisId}/statements`, { holdingStatementId: draft.body.id, channelIds: [channelId] });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('holding_statement_not_approved');
    expect(r.body.errors[0].path).toBe('body.holdingStatementId');
    expect((await t.ctx.database.db.select().from(posts).where(eq(posts.workspaceId, team.workspaceId))).length).toBe(postsBefore);
    expect(net.sent).toHaveLength(0);
  });

  it('publishes a pre-approved holding statement on the fast track while scheduled publishing stays paused', async () => {
    const s = await team.as.cvd.post(`${base}/crises/${crisisId}/statements`, { holdingStatementId: prepared.holdingId, channelIds: [channelId] });
    expect(s.status).toBe(201);
    expect(s.body.preApproved).toBe(true);
    expect(s.body.targets[0].state).toBe('approved');
    expect((await team.as.editor.post(`${base}/crises/${crisisId}/statements/${s.body.id}/release`)).status).toBe(403);
    const rel = await team.as.cvd.post(`${base}/crises/${crisisId}/statements/${s.body.id}/release`);
    expect(rel.status).toBe(200);
    expect(rel.body.targets[0]).toMatchObject({ state: 'published', remoteUrl: expect.stringContaining('fake.example') });
    expect(net.sent.map((x) => x.text)).toEqual(['Wir prüfen die Meldung und informieren Sie hier in Kürze.']);
    const [due] = await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, dueTargetId));
    expect(due!.state).toBe('scheduled');
  });

  it('sends a changed statement through the crisis path before it can be released', async () => {
    const s = await team.as.editor.post(`${base}/crises/${crisisId}/statements`, { holdingStatementId: prepared.holdingId, text: 'Update: Die Meldung ist falsch. Fakten: https://example.org/fakten', channelIds: [channelId] });
    expect(s.body.preApproved).toBe(false);
    expect(s.body.targets[0].state).toBe('in_review');
    const early = await team.as.cvd.post(`${base}/crises/${crisisId}/statements/${s.body.id}/release`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('statement_not_approved');
    // The crisis path: first a duty editor (an approver cannot take step 1), then one approver.
    expect((await team.as.approver.post(`${base}/posts/${s.body.postId}/approve`, {})).body.code).toBe('not_eligible');
    expect((await team.as.cvd.post(`${base}/posts/${s.body.postId}/approve`, {})).status).toBe(200);
    expect((await team.as.approver.post(`${base}/posts/${s.body.postId}/approve`, {})).status).toBe(200);
    const rel = await team.as.cvd.post(`${base}/crises/${crisisId}/statements/${s.body.id}/release`);
    expect(rel.body.targets[0].state).toBe('published');
    expect(net.sent).toHaveLength(2);
  });

  it('tracks acknowledgements in-app and through the personal link (GET does not acknowledge)', async () => {
    expect((await team.as.cvd.post(`${base}/crises/${crisisId}/acknowledge`)).status).toBe(200);
    expect((await team.as.editor.post(`${base}/crises/${crisisId}/acknowledge`)).body.code).toBe('not_called');
    const tokens = t.mails.map((m) => /\/ack\/crisis\/([\w-]+)/.exec(m.text)?.[1]).filter(Boolean) as string[];
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const anon = new TestClient(t.app);
    const approverToken = await (async () => {
      for (const tok of tokens) {
        const r = await anon.get(`/api/v1/crisis-acks/${tok}`);
        if (r.status === 200 && r.body.acknowledgedAt === null) return tok;
      }
      throw new Error('no open token');
    })();
    const before = await room(crisisId);
    expect(before.contacts.find((k: { userId: string }) => k.userId === team.ids.approver).acknowledgedAt).toBeNull();
    const ack = await anon.post(`/api/v1/crisis-acks/${approverToken}`);
    expect(ack.status).toBe(200);
    const after = await room(crisisId);
    expect(after.contacts.every((k: { acknowledgedAt: string | null }) => k.acknowledgedAt !== null)).toBe(true);
    expect((await anon.post(`/api/v1/crisis-acks/${'y'.repeat(43)}`)).status).toBe(404);
  });

  it('logs decisions into the timeline and the audit trail; tasks are checked off', async () => {
    const d = await team.as.cvd.post(`${base}/crises/${crisisId}/decisions`, { decision: 'Keine Interviews heute', reason: 'Faktenlage unklar' });
    expect(d.status).toBe(201);
    const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, team.workspaceId), eq(auditLog.action, 'crisis.decision')));
    expect(audit.some((a) => (a.after as { decision?: string })?.decision === 'Keine Interviews heute' && a.actorUserId === team.ids.cvd)).toBe(true);
    const rm = await room(crisisId);
    const task = await team.as.editor.patch(`${base}/crises/${crisisId}/tasks/${rm.tasks[1].id}`, { done: true });
    expect(task.body).toMatchObject({ late: false, doneBy: team.ids.editor });
  });

  it('ends the crisis: the pause is lifted, the held-back post waits for a decision, the report is frozen', async () => {
    t.clock.advance(2 * 60_000);
    expect((await team.as.cvd.post(`${base}/crises/${crisisId}/held-back`, { targetIds: [dueTargetId], action: 'cancel' })).body.code).toBe('crisis_still_active');
    const rm = await room(crisisId);
    expect(rm.heldBack.map((h: { targetId: string }) => h.targetId)).toEqual([dueTargetId]);
    const end = await team.as.cvd.post(`${base}/crises/${crisisId}/end`, { summary: 'Richtigstellung wirkt.', heldBack: 'review' });
    expect(end.status).toBe(200);
    expect(end.body.hasReport).toBe(true);
    const [s] = await t.ctx.database.db.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, team.workspaceId));
    expect(s!.paused).toBe(false);
    const [due] = await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, dueTargetId));
    expect(due!.heldAt).not.toBeNull();
    const again = await team.as.cvd.post(`${base}/crises/${crisisId}/end`, { summary: 'x', heldBack: 'review' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('crisis_not_active');
    const decide = await team.as.cvd.post(`${base}/crises/${crisisId}/held-back`, { targetIds: [dueTargetId], action: 'publish_now' });
    expect(decide.body.decided).toBe(1);
    const [released] = await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, dueTargetId));
    expect(released!.heldAt).toBeNull();

    const report = await team.as.analyst.get(`${base}/crises/${crisisId}/report`);
    expect(report.body.statements).toHaveLength(2);
    expect(report.body.statements.every((x: { published: boolean }) => x.published)).toBe(true);
    expect(report.body.decisions.map((x: { decision: string }) => x.decision)).toEqual(expect.arrayContaining(['Krisenmodus ausgerufen (Stufe 2)', 'Keine Interviews heute', 'Krisenmodus beendet']));
    expect(report.body.tasks.find((x: { title: string }) => x.title === 'Lage einschätzen')).toMatchObject({ doneAt: null, late: false });
    expect(report.body.responseTimes.acknowledgements).toHaveLength(2);
    const pdf = await t.app.inject({ method: 'GET', url: `${base}/crises/${crisisId}/report.pdf`, headers: { cookie: team.as.analyst.cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('proposes nothing to end twice, and the state is back to normal', async () => {
    const state = await team.as.cvd.get(`${base}/crisis/state`);
    expect(state.body.active).toBeNull();
    const post = await team.as.editor.post(`${base}/posts`, { text: 'Wieder normal.', channelIds: [channelId] });
    expect(post.body.approval.steps.map((s: { name: string }) => s.name)).toEqual(['Redaktion', 'Freigabe']);
    const contacts = await t.ctx.database.db.select().from(crisisContacts).where(eq(crisisContacts.crisisId, crisisId));
    expect(contacts.every((k) => k.ackTokenHash.length === 64)).toBe(true);
    const statements = await t.ctx.database.db.select().from(crisisStatements).where(eq(crisisStatements.crisisId, crisisId));
    expect(statements.every((x) => x.releasedAt)).toBe(true);
  });
});
