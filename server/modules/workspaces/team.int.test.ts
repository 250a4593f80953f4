/**
 * Team management end to end: invitations by mail (new and existing users, expired / used /
 * revoked links, re-invites, members), role changes under the owner rules, removal, and the
 * Idempotency-Key on the invitation POST.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildUser, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { INVITATION_DAYS } from './invitation.service.ts';

const t = await createTestApp();
afterAll(async () => t.close());

const { workspace, owner } = await buildWorkspace(t.ctx.database, 'Pressestelle');
const oc = new TestClient(t.app);
await oc.login(owner.email);
const ws = workspace.id;

async function invite(email: string, roles = ['editor'], c = oc, headers?: Record<string, string>) {
  return c.post(`/api/v1/workspaces/${ws}/invitations`, { email, roles }, headers);
}
function linkTokenFor(email: string): string {
  const mail = t.mails.findLast((m) => m.to === email);
  if (!mail) throw new Error(`no mail to ${email}`);
  return /invitation\?token=([\w-]+)/.exec(mail.text)![1]!;
}
const team = async () => (await oc.get(`/api/v1/workspaces/${ws}/members`)).body as { members: { userId: string; email: string; roles: string[] }[]; invitations: { id: string; email: string }[] };

describe('invitations', () => {
  it('mails a link; a new user accepts it with name and password and is signed in as a member', async () => {
    const r = await invite('neu@example.org', ['editor', 'approver']);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: 'neu@example.org', roles: ['editor', 'approver'] });
    const mail = t.mails.findLast((m) => m.to === 'neu@example.org')!;
    expect(mail.subject).toContain('Pressestelle');
    expect(mail.text).toContain(`${t.ctx.config.publicUrl}/invitation?token=`);
    const token = linkTokenFor('neu@example.org');

    const anon = new TestClient(t.app);
    const info = await anon.get(`/api/v1/invitations/${token}`);
    expect(info.body).toEqual({ email: 'neu@example.org', workspaceName: 'Pressestelle', existingUser: false });
    const missing = await anon.post('/api/v1/invitations/accept', { token });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.name', 'body.password']);

    const ok = await anon.post('/api/v1/invitations/accept', { token, name: 'Nina Neu', password: 'ein-gutes-passwort' });
    expect(ok.status).toBe(200);
    const me = await anon.get('/api/v1/auth/me');
    expect(me.body.user.name).toBe('Nina Neu');
    expect(me.body.workspaces.find((w: { id: string }) => w.id === ws).roles).toEqual(['editor', 'approver']);
    expect((await team()).members.some((m) => m.email === 'neu@example.org')).toBe(true);
  });

  it('an existing user must be signed in with the invited address to accept', async () => {
    const existing = await buildUser(t.ctx.database);
    await invite(existing.email, ['analyst']);
    const token = linkTokenFor(existing.email);
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/v1/invitations/${token}`)).body.existingUser).toBe(true);
    const r = await anon.post('/api/v1/invitations/accept', { token });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('login_required');
    const someoneElse = new TestClient(t.app);
    await someoneElse.login((await buildUser(t.ctx.database)).email);
    expect((await someoneElse.post('/api/v1/invitations/accept', { token })).body.code).toBe('login_required');
    // Nothing was spent by the refused attempts.
    const right = new TestClient(t.app);
    await right.login(existing.email);
    expect((await right.post('/api/v1/invitations/accept', { token })).status).toBe(200);
    expect((await right.get('/api/v1/auth/me')).body.workspaces.map((w: { id: string }) => w.id)).toContain(ws);
  });

  it('a used, revoked or expired link is a clear 400', async () => {
    const anon = new TestClient(t.app);
    const expectInvalid = async (token: string) => {
      for (const r of [await anon.get(`/api/v1/invitations/${token}`), await anon.post('/api/v1/invitations/accept', { token, name: 'X', password: 'ein-gutes-passwort' })]) {
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('invalid_invitation');
        expect(r.body.detail).toMatch(/invalid, expired or already used/);
      }
    };
    // used (by the first test)
    await expectInvalid(linkTokenFor('neu@example.org'));
    // revoked
    const rv = await invite('revoked@example.org');
    expect((await oc.delete(`/api/v1/workspaces/${ws}/invitations/${rv.body.id}`)).status).toBe(200);
    expect((await oc.delete(`/api/v1/workspaces/${ws}/invitations/${rv.body.id}`)).status).toBe(404);
    await expectInvalid(linkTokenFor('revoked@example.org'));
    // expired
    await invite('late@example.org');
    const token = linkTokenFor('late@example.org');
    t.clock.advance((INVITATION_DAYS * 24 + 1) * 3_600_000);
    try {
      await expectInvalid(token);
      expect((await team()).invitations.some((i) => i.email === 'late@example.org')).toBe(false);
    } finally {
      t.clock.advance(-(INVITATION_DAYS * 24 + 1) * 3_600_000);
    }
  });

  it('a re-invite replaces the open invitation: the old link stops working', async () => {
    await invite('twice@example.org', ['editor']);
    const first = linkTokenFor('twice@example.org');
    await invite('twice@example.org', ['analyst']);
    const second = linkTokenFor('twice@example.org');
    expect(second).not.toBe(first);
    const open = (await team()).invitations.filter((i) => i.email === 'twice@example.org');
    expect(open).toHaveLength(1);
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/v1/invitations/${first}`)).status).toBe(400);
    expect((await anon.post('/api/v1/invitations/accept', { token: second, name: 'Zwei', password: 'ein-gutes-passwort' })).status).toBe(200);
    expect((await anon.get('/api/v1/auth/me')).body.workspaces[0].roles).toEqual(['analyst']);
  });

  it('inviting a member is a 409', async () => {
    const m = await buildMember(t.ctx.database, ws, ['editor']);
    const r = await invite(m.email.toUpperCase());
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('already_member');
  });

  it('only owners may invite owners', async () => {
    const admin = await buildMember(t.ctx.database, ws, ['admin']);
    const ac = new TestClient(t.app);
    await ac.login(admin.email);
    expect((await invite('boss@example.org', ['owner'], ac)).status).toBe(403);
    expect((await invite('helper@example.org', ['editor'], ac)).status).toBe(201);
    expect((await invite('boss@example.org', ['owner'])).status).toBe(201);
  });
});

describe('roles and removal', () => {
  it('changes roles; only an owner grants or removes the owner role', async () => {
    const admin = await buildMember(t.ctx.database, ws, ['admin']);
    const ac = new TestClient(t.app);
    await ac.login(admin.email);
    const m = await buildMember(t.ctx.database, ws, ['editor']);
    const r = await ac.put(`/api/v1/workspaces/${ws}/members/${m.id}/roles`, { roles: ['editor', 'approver'] });
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(['editor', 'approver']);
    const grant = await ac.put(`/api/v1/workspaces/${ws}/members/${m.id}/roles`, { roles: ['owner'] });
    expect(grant.status).toBe(403);
    expect(grant.body.code).toBe('owner_required');
    expect((await oc.put(`/api/v1/workspaces/${ws}/members/${m.id}/roles`, { roles: ['owner'] })).status).toBe(200);
    const demote = await ac.put(`/api/v1/workspaces/${ws}/members/${m.id}/roles`, { roles: ['editor'] });
    expect(demote.body.code).toBe('owner_required');
    expect((await ac.delete(`/api/v1/workspaces/${ws}/members/${m.id}`)).body.code).toBe('owner_required');
    expect((await oc.put(`/api/v1/workspaces/${ws}/members/${m.id}/roles`, { roles: ['editor'] })).status).toBe(200);
  });

  it('rejects empty, duplicate and unknown roles', async () => {
    const m = await buildMember(t.ctx.database, ws, ['editor']);
    for (const roles of [[], ['editor', 'editor'], ['superuser']]) {
      const r = await oc.put(`/api/v1/workspaces/${ws}/members/${m.id}/roles`, { roles });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].path).toMatch(/^body\.roles/);
    }
  });

  it('the last owner can be neither demoted nor removed; with a second owner both work', async () => {
    const solo = await buildWorkspace(t.ctx.database, 'Allein');
    const sc = new TestClient(t.app);
    await sc.login(solo.owner.email);
    const base = `/api/v1/workspaces/${solo.workspace.id}/members/${solo.owner.id}`;
    expect((await sc.put(`${base}/roles`, { roles: ['admin'] })).body.code).toBe('last_owner');
    expect((await sc.delete(base)).body.code).toBe('last_owner');
    const second = await buildMember(t.ctx.database, solo.workspace.id, ['owner']);
    expect((await sc.put(`${base}/roles`, { roles: ['owner', 'admin'] })).status).toBe(200);
    const c2 = new TestClient(t.app);
    await c2.login(second.email);
    expect((await c2.delete(base)).status).toBe(200);
    expect((await c2.delete(`/api/v1/workspaces/${solo.workspace.id}/members/${second.id}`)).body.code).toBe('last_owner');
  });

  it('a removed member loses access at once', async () => {
    const m = await buildMember(t.ctx.database, ws, ['editor']);
    const mc = new TestClient(t.app);
    await mc.login(m.email);
    expect((await mc.get(`/api/v1/workspaces/${ws}`)).status).toBe(200);
    expect((await oc.delete(`/api/v1/workspaces/${ws}/members/${m.id}`)).status).toBe(200);
    expect((await mc.get(`/api/v1/workspaces/${ws}`)).status).toBe(404);
    expect((await oc.delete(`/api/v1/workspaces/${ws}/members/${m.id}`)).status).toBe(404);
  });
});

describe('Idempotency-Key on the invitation POST', () => {
  it('replays the same response for the same key and body, refuses another body, and sends one mail', async () => {
    const key = { 'idempotency-key': 'invite-retry-1' };
    const mailsBefore = t.mails.length;
    const first = await invite('retry@example.org', ['editor'], oc, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await invite('retry@example.org', ['editor'], oc, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(t.mails.length).toBe(mailsBefore + 1);
    expect((await team()).invitations.filter((i) => i.email === 'retry@example.org')).toHaveLength(1);

    const other = await invite('other@example.org', ['editor'], oc, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect((await team()).invitations.some((i) => i.email === 'other@example.org')).toBe(false);
  });

  it('keys are per principal: another user may use the same key', async () => {
    const admin = await buildMember(t.ctx.database, ws, ['admin']);
    const ac = new TestClient(t.app);
    await ac.login(admin.email);
    const r = await invite('per-user@example.org', ['editor'], ac, { 'idempotency-key': 'invite-retry-1' });
    expect(r.status).toBe(201);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
  });
});
