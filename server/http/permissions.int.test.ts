/**
 * The permission matrix, derived from the route table and common/permissions.ts: for every route
 * that declares `config.access.permission` and every role, a member holding only that role is
 * refused (403) exactly when the table does not grant the permission. API tokens are checked the
 * same way with the roles they carry, and are bound to their workspace and lifetime.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Permission, type Role } from '../../common/permissions.ts';
import { TestClient } from '../test/client.ts';
import { buildMember, buildUser, buildWorkspace } from '../test/factories.ts';
import { createTestApp } from '../test/harness.ts';
import { apiOperations, buildPath, operationFor, pathParams, queryParams, sample, withQuery, type Operation } from '../test/openapi.ts';
import { declaredAccess } from './access.ts';
import { memberships } from '../modules/workspaces/workspaces.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());

const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ops = apiOperations(t.app);
const guarded = declaredAccess(t.app)
  .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && 'permission' in r.access)
  .map((r) => ({ op: operationFor(ops, r.method, r.url), permission: (r.access as { permission: Permission }).permission }));

const clients = new Map<Role, TestClient>();
for (const role of ROLES) {
  const u = role === 'owner' ? owner : await buildMember(t.ctx.database, workspace.id, [role]);
  const c = new TestClient(t.app);
  await c.login(u.email);
  clients.set(role, c);
}

/**
 * A request that passes validation: the real workspace, random ids for sub-resources (a granted
 * request then ends in the handler's 404 instead of changing someone), a valid sample body.
 */
function requestFor(op: Operation, workspaceId: string) {
  const ids = Object.fromEntries(pathParams(op).map((p) => [p.name, p.name === 'workspaceId' ? workspaceId : randomUUID()]));
  const query = Object.fromEntries(queryParams(op).filter((q) => q.required).map((q) => [q.name, q.name === 'workspaceId' ? workspaceId : String(sample(q.schema))]));
  return { url: withQuery(buildPath(op, ids), query), body: op.body ? sample(op.body, { uuid: workspaceId }) : undefined };
}
const hasSubResource = (op: Operation) => pathParams(op).some((p) => p.name !== 'workspaceId');

async function call(c: TestClient, op: Operation, workspaceId = workspace.id) {
  const { url, body } = requestFor(op, workspaceId);
  return c.request(op.method, url, body);
}

describe('permission matrix (route table × ROLES)', () => {
  it('finds permission-guarded routes in the route table', () => {
    expect(guarded.length).toBeGreaterThan(5);
    expect(guarded.some((g) => g.permission === 'members.manage')).toBe(true);
  });

  it.each(guarded.map((g) => [`${g.op.method} ${g.op.path} (${g.permission})`, g] as const))('%s', async (_n, { op, permission }) => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      const r = await call(clients.get(role)!, op);
      const granted = can([role], permission);
      if (r.status >= 500) wrong.push(`${role}: ${r.status}`);
      else if (!granted && (r.status !== 403 || r.body?.code !== 'forbidden')) wrong.push(`${role}: expected 403, got ${r.status} ${r.body?.code}`);
      else if (granted && [401, 403].includes(r.status)) wrong.push(`${role}: granted but ${r.status} ${r.body?.code}`);
      else if (granted && r.status === 404 && !hasSubResource(op)) wrong.push(`${role}: granted but 404`);
    }
    expect(wrong).toEqual([]);
  });

  it('grants the union of the permissions of several roles', async () => {
    const u = await buildMember(t.ctx.database, workspace.id, ['analyst', 'editor']);
    const c = new TestClient(t.app);
    await c.login(u.email);
    for (const { op, permission } of guarded) {
      const r = await call(c, op);
      const granted = can(['analyst', 'editor'], permission);
      expect(r.status === 403, `${op.method} ${op.path}`).toBe(!granted);
    }
  });

  it('answers 404 to a non-member and 401 without a session on every guarded route', async () => {
    const stranger = new TestClient(t.app);
    await stranger.login((await buildUser(t.ctx.database)).email);
    const anonymous = new TestClient(t.app);
    for (const { op } of guarded) {
      expect((await call(stranger, op)).status, `${op.method} ${op.path}`).toBe(404);
      expect((await call(anonymous, op)).status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('applies a role change at once (no cached roles)', async () => {
    const u = await buildMember(t.ctx.database, workspace.id, ['employee']);
    const c = new TestClient(t.app);
    await c.login(u.email);
    const audit = `/api/v1/workspaces/${workspace.id}/audit`;
    expect((await c.get(audit)).status).toBe(403);
    const r = await clients.get('owner')!.put(`/api/v1/workspaces/${workspace.id}/members/${u.id}/roles`, { roles: ['admin'] });
    expect(r.status).toBe(200);
    expect((await c.get(audit)).status).toBe(200);
  });
});

describe('API tokens', () => {
  const ownerClient = () => clients.get('owner')!;
  async function tokenFor(roles: Role[], workspaceId = workspace.id, expiresInDays?: number) {
    const r = await ownerClient().post('/api/v1/tokens', { name: `t-${roles.join('-')}`, workspaceId, roles, ...(expiresInDays ? { expiresInDays } : {}) });
    expect(r.status).toBe(201);
    const c = new TestClient(t.app);
    c.bearer = r.body.token;
    return { client: c, id: r.body.id as string };
  }

  it('carry only their own roles: an analyst token of an owner is refused what analysts may not do', async () => {
    // An owner may mint a narrower token: its roles must grant nothing the owner may not do.
    await t.ctx.database.db.update(memberships).set({ roles: ['owner'] }).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, owner.id)));
    const { client } = await tokenFor(['analyst']);
    const wrong: string[] = [];
    for (const { op, permission } of guarded) {
      const r = await call(client, op);
      const granted = can(['analyst'], permission);
      if (r.status >= 500 || granted === (r.status === 403)) wrong.push(`${op.method} ${op.path} (${permission}): ${r.status}`);
    }
    expect(wrong).toEqual([]);
    const other = await buildMember(t.ctx.database, workspace.id, ['editor']);
    const r = await client.put(`/api/v1/workspaces/${workspace.id}/members/${other.id}/roles`, { roles: ['admin'] });
    expect(r.status).toBe(403);
  });

  it('lose roles the member no longer holds', async () => {
    const admin = await buildMember(t.ctx.database, workspace.id, ['admin']);
    const c = new TestClient(t.app);
    await c.login(admin.email);
    const created = await c.post('/api/v1/tokens', { name: 'admin token', workspaceId: workspace.id, roles: ['admin'] });
    const bearer = new TestClient(t.app);
    bearer.bearer = created.body.token;
    expect((await bearer.get(`/api/v1/workspaces/${workspace.id}/audit`)).status).toBe(200);
    await t.ctx.database.db.update(memberships).set({ roles: ['analyst'] }).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, admin.id)));
    expect((await bearer.get(`/api/v1/workspaces/${workspace.id}/audit`)).status).toBe(403);
  });

  it('are limited to their workspace, even where the user is owner', async () => {
    const second = await ownerClient().post(`/api/v1/workspaces/${workspace.id}/siblings`, { name: 'Agentur' });
    expect(second.status).toBe(201);
    const { client } = await tokenFor(['owner']);
    expect((await client.get(`/api/v1/workspaces/${workspace.id}`)).status).toBe(200);
    expect((await client.get(`/api/v1/workspaces/${second.body.id}`)).status).toBe(404);
    expect((await client.get(`/api/v1/workspaces/${second.body.id}/members`)).status).toBe(404);
    const list = await client.get('/api/v1/workspaces');
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([workspace.id]);
  });

  it('are refused once revoked (401)', async () => {
    const { client, id } = await tokenFor(['owner']);
    expect((await client.get(`/api/v1/workspaces/${workspace.id}`)).status).toBe(200);
    expect((await ownerClient().delete(`/api/v1/tokens/${id}`)).status).toBe(200);
    const r = await client.get(`/api/v1/workspaces/${workspace.id}`);
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('invalid_token');
  });

  it('are refused once expired (401), and an unknown token too', async () => {
    const { client } = await tokenFor(['owner'], workspace.id, 1);
    expect((await client.get(`/api/v1/workspaces/${workspace.id}`)).status).toBe(200);
    t.clock.advance(25 * 3_600_000);
    try {
      expect((await client.get(`/api/v1/workspaces/${workspace.id}`)).status).toBe(401);
    } finally {
      t.clock.advance(-25 * 3_600_000);
    }
    const forged = new TestClient(t.app);
    forged.bearer = 'rz_not-a-real-token';
    expect((await forged.get('/api/v1/auth/me')).status).toBe(401);
  });
});
