import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, buildWorkspace, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { TestClient } from '../../test/client.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('first start', () => {
  it('offers sign-up on an empty database and creates the owner with a workspace', async () => {
    const c = new TestClient(t.app);
    expect((await c.get('/api/v1/auth/setup')).body.needsSetup).toBe(true);
    const r = await c.post('/api/v1/auth/signup', { email: 'Chefin@Example.org', name: 'Chefin', password: 'a-long-password', organisationName: 'Amt', workspaceName: 'Presse' });
    expect(r.status).toBe(201);
    const me = await c.get('/api/v1/auth/me');
    expect(me.body.user.email).toBe('chefin@example.org');
    expect(me.body.workspaces[0].roles).toEqual(['owner']);
    expect((await c.get('/api/v1/auth/setup')).body.needsSetup).toBe(false);
  });

  it('refuses a second sign-up once an owner exists', async () => {
    const r = await new TestClient(t.app).post('/api/v1/auth/signup', { email: 'x@example.org', name: 'X', password: 'a-long-password', organisationName: 'A', workspaceName: 'B' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('setup_done');
  });
});

describe('login', () => {
  it('sets an httpOnly SameSite=Lax session cookie and rotates it on every login', async () => {
    const u = await buildUser(t.ctx.database);
    const c = new TestClient(t.app);
    const r1 = await c.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    const cookie = String(r1.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const first = c.cookie;
    await c.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(c.cookie).not.toBe(first);
    // The old session id is dead after rotation.
    const old = new TestClient(t.app);
    old.cookie = first;
    expect((await old.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('gives the same error for an unknown e-mail and a wrong password', async () => {
    const u = await buildUser(t.ctx.database);
    const a = await new TestClient(t.app).post('/api/v1/auth/login', { email: 'nobody@example.org', password: 'whatever-pass' });
    const b = await new TestClient(t.app).post('/api/v1/auth/login', { email: u.email, password: 'wrong-password' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.code).toBe(b.body.code);
  });

  it('locks the account after five wrong passwords, even for the right one', async () => {
    const u = await buildUser(t.ctx.database);
    for (let i = 0; i < 5; i++) await new TestClient(t.app).post('/api/v1/auth/login', { email: u.email, password: 'wrong-password' }, { 'x-forwarded-for': `10.0.0.${i}` });
    const r = await new TestClient(t.app).post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('too_many_requests');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('logout ends the session on the server', async () => {
    const u = await buildUser(t.ctx.database);
    const c = new TestClient(t.app);
    await c.login(u.email);
    const sid = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const replay = new TestClient(t.app);
    replay.cookie = sid;
    expect((await replay.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('rejects a cookie-authenticated state change without the CSRF token', async () => {
    const { owner, workspace } = await buildWorkspace(t.ctx.database);
    const c = new TestClient(t.app);
    await c.login(owner.email);
    c.csrf = '';
    const r = await c.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'Neu' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf_failed');
  });
});

describe('two-factor authentication', () => {
  it('enables TOTP, then requires a code at login; a recovery code works once', async () => {
    const u = await buildUser(t.ctx.database);
    const c = new TestClient(t.app);
    await c.login(u.email);
    const setup = await c.post('/api/v1/profile/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.qrSvg).toContain('<svg');
    const wrong = await c.post('/api/v1/profile/totp/enable', { code: '000000' });
    expect(wrong.status).toBe(400);
    const en = await c.post('/api/v1/profile/totp/enable', { code: totpCode(setup.body.secret, t.clock.now()) });
    expect(en.status).toBe(200);
    expect(en.body.recoveryCodes).toHaveLength(10);

    const c2 = new TestClient(t.app);
    const l = await c2.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(l.body.status).toBe('totp_required');
    expect((await c2.get('/api/v1/auth/me')).status).toBe(401);
    expect((await c2.post('/api/v1/auth/totp', { code: '123456' })).status).toBe(401);
    expect((await c2.post('/api/v1/auth/totp', { code: totpCode(setup.body.secret, t.clock.now()) })).status).toBe(200);
    expect((await c2.get('/api/v1/auth/me')).status).toBe(200);
    // The same code cannot be replayed within its window.
    const replay = new TestClient(t.app);
    await replay.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    const again = await replay.post('/api/v1/auth/totp', { code: totpCode(setup.body.secret, t.clock.now()) });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('totp_reused');

    const c3 = new TestClient(t.app);
    await c3.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect((await c3.post('/api/v1/auth/totp', { code: en.body.recoveryCodes[0] })).status).toBe(200);
    const c4 = new TestClient(t.app);
    await c4.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect((await c4.post('/api/v1/auth/totp', { code: en.body.recoveryCodes[0] })).status).toBe(401);
  });
});

describe('password reset', () => {
  it('mails a one-time link that sets a new password and ends old sessions', async () => {
    const u = await buildUser(t.ctx.database, { locale: 'en' });
    const old = new TestClient(t.app);
    await old.login(u.email);
    const anon = new TestClient(t.app);
    expect((await anon.post('/api/v1/auth/password-reset/request', { email: u.email })).status).toBe(202);
    expect((await anon.post('/api/v1/auth/password-reset/request', { email: 'unknown@example.org' })).status).toBe(202);
    const mail = t.mails.findLast((m) => m.to === u.email)!;
    expect(mail.subject).toMatch(/reset your password/);
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    expect((await anon.post('/api/v1/auth/password-reset', { token, password: 'brand-new-password' })).status).toBe(200);
    expect((await anon.post('/api/v1/auth/password-reset', { token, password: 'another-password' })).status).toBe(400);
    expect((await old.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new TestClient(t.app).post('/api/v1/auth/login', { email: u.email, password: 'brand-new-password' })).status).toBe(200);
  });
});

describe('rate limiting', () => {
  it('limits login attempts per client address', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await new TestClient(limited.app).post('/api/v1/auth/login', { email: 'a@example.org', password: 'wrong-password' })).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
