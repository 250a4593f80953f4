/**
 * Personal API tokens: shown once, stored only as a hash, used with `Authorization: Bearer`
 * (no CSRF token needed), revocable, expiring, and never wider than the creator's roles.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/secrets.ts';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';

const t = await createTestApp();
afterAll(async () => t.close());

const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = workspace.id;
const editor = await buildMember(t.ctx.database, ws, ['editor', 'analyst']);
const ec = new TestClient(t.app);
await ec.login(editor.email);

async function create(body: Record<string, unknown>, c = ec) {
  return c.post('/api/v1/tokens', { name: 'CI-Export', workspaceId: ws, roles: ['analyst'], ...body });
}
const bearer = (token: string) => Object.assign(new TestClient(t.app), { bearer: token });

describe('API tokens', () => {
  it('are shown once and stored only as a hash', async () => {
    const r = await create({});
    expect(r.status).toBe(201);
    const token: string = r.body.token;
    expect(token).toMatch(/^rz_[\w-]{40,}$/);
    expect(r.body.prefix).toBe(token.slice(0, 8));
    const list = await ec.get('/api/v1/tokens');
    const listed = list.body.items.find((i: { id: string }) => i.id === r.body.id);
    expect(listed).toMatchObject({ name: 'CI-Export', roles: ['analyst'], workspaceId: ws });
    expect(JSON.stringify(list.body)).not.toContain(token);
    const rows = (await t.ctx.database.pool.query('SELECT row_to_json(t)::text AS j, token_hash FROM api_tokens t WHERE id = $1', [r.body.id])).rows;
    expect(rows[0].token_hash).toBe(sha256(token));
    expect(rows[0].j).not.toContain(token);
    expect(rows[0].j).not.toContain(token.slice(8));
  });

  it('work with Authorization: Bearer, need no CSRF token, and record their last use', async () => {
    const r = await create({ roles: ['editor'] });
    const c = bearer(r.body.token);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(editor.id);
    expect(me.body.csrfToken).toBeUndefined();
    expect(me.body.workspaces[0].roles).toEqual(['editor']);
    // A state change without any CSRF header (the client has none) is accepted.
    expect(c.csrf).toBe('');
    const patch = await c.patch('/api/v1/profile', { locale: 'en' });
    expect(patch.status).toBe(200);
    const listed = (await ec.get('/api/v1/tokens')).body.items.find((i: { id: string }) => i.id === r.body.id);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('a session cookie without CSRF token is still refused (the bearer exemption does not leak to cookies)', async () => {
    const c = new TestClient(t.app);
    await c.login(editor.email);
    c.csrf = '';
    expect((await c.patch('/api/v1/profile', { locale: 'de' })).status).toBe(403);
  });

  it('cannot be created with a token, nor change account security', async () => {
    const r = await create({ roles: ['editor'] });
    const c = bearer(r.body.token);
    expect((await c.post('/api/v1/tokens', { name: 'child', workspaceId: ws, roles: ['editor'] })).body.code).toBe('session_required');
    expect((await c.post('/api/v1/profile/password', { currentPassword: 'x', newPassword: 'ein-neues-passwort' })).body.code).toBe('session_required');
    expect((await c.post('/api/v1/profile/totp/setup')).body.code).toBe('session_required');
  });

  it('stop working when revoked; revoking twice or someone else’s token is a 404', async () => {
    const r = await create({});
    const c = bearer(r.body.token);
    expect((await c.get(`/api/v1/workspaces/${ws}`)).status).toBe(200);
    const oc = new TestClient(t.app);
    await oc.login(owner.email);
    expect((await oc.delete(`/api/v1/tokens/${r.body.id}`)).status).toBe(404);
    expect((await ec.delete(`/api/v1/tokens/${r.body.id}`)).status).toBe(200);
    expect((await ec.delete(`/api/v1/tokens/${r.body.id}`)).status).toBe(404);
    const after = await c.get(`/api/v1/workspaces/${ws}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('invalid_token');
    expect((await ec.get('/api/v1/tokens')).body.items.some((i: { id: string }) => i.id === r.body.id)).toBe(false);
  });

  it('expire after their lifetime', async () => {
    const r = await create({ expiresInDays: 2 });
    expect(new Date(r.body.expiresAt).getTime() - t.clock.now().getTime()).toBeGreaterThan(2 * 86_400_000 - 60_000);
    const c = bearer(r.body.token);
    t.clock.advance(86_400_000);
    try {
      expect((await c.get(`/api/v1/workspaces/${ws}`)).status).toBe(200);
      t.clock.advance(86_400_000 + 60_000);
      expect((await c.get(`/api/v1/workspaces/${ws}`)).status).toBe(401);
    } finally {
      t.clock.advance(-(2 * 86_400_000 + 60_000));
    }
  });

  it('cannot exceed the creator’s roles or reach another workspace', async () => {
    const r = await create({ roles: ['editor', 'admin'] });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('roles_not_held');
    expect(r.body.errors[0].path).toBe('body.roles');
    const other = await buildWorkspace(t.ctx.database);
    const foreign = await create({ workspaceId: other.workspace.id });
    expect(foreign.status).toBe(404);
    const limited = bearer((await create({ roles: ['analyst'] })).body.token);
    expect((await limited.get(`/api/v1/workspaces/${other.workspace.id}`)).status).toBe(404);
    expect((await limited.post(`/api/v1/workspaces/${ws}/invitations`, { email: 'x@example.org', roles: ['employee'] })).status).toBe(403);
  });

  it('reject malformed Authorization headers with 401, never 500', async () => {
    for (const h of ['Bearer ', 'Bearer  ', `Bearer ${'x'.repeat(10_000)}`, 'Bearer \u00e4\u00f6', 'Basic dXNlcjpwYXNz', 'bearer rz_abc']) {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: h } });
      expect(r.statusCode, h.slice(0, 20)).toBe(401);
    }
  });
});
