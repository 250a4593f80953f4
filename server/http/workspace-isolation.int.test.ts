/**
 * Workspace isolation, derived from the OpenAPI document: the owner of workspace A calls every
 * operation that names a workspace (path, query or body) with workspace B's id, and every
 * operation with a sub-resource id with B's ids (member, invitation, token of another user).
 * Each answer is 404, B's rows and audit trail stay byte-for-byte the same, and no answer about
 * A mentions anything of B.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test/client.ts';
import { buildMember, buildWorkspace } from '../test/factories.ts';
import { createTestApp } from '../test/harness.ts';
import { apiOperations, buildPath, pathParams, queryParams, sample, typeOf, withQuery, type Operation } from '../test/openapi.ts';
import { declaredAccess } from './access.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database;

const A = await buildWorkspace(db, 'Arbeitsbereich A');
const B = await buildWorkspace(db, 'Geheimer Bereich B');
const memberB = await buildMember(db, B.workspace.id, ['editor']);
const a = new TestClient(t.app);
await a.login(A.owner.email);
const b = new TestClient(t.app);
await b.login(B.owner.email);
const invitationB = await b.post(`/api/v1/workspaces/${B.workspace.id}/invitations`, { email: 'only-b@example.org', roles: ['analyst'] });
const tokenB = await b.post('/api/v1/tokens', { name: 'B token', workspaceId: B.workspace.id, roles: ['owner'] });
const tokenA = await a.post('/api/v1/tokens', { name: 'A token', workspaceId: A.workspace.id, roles: ['owner'] });
if (invitationB.status !== 201 || tokenB.status !== 201 || tokenA.status !== 201) throw new Error('fixtures failed');
const bearerA = new TestClient(t.app);
bearerA.bearer = tokenA.body.token;

/** B's ids by parameter name. A parameter without an entry gets a random id (still must be 404). */
const foreignIds: Record<string, string> = {
  workspaceId: B.workspace.id,
  userId: memberB.id,
  invitationId: invitationB.body.id,
  tokenId: tokenB.body.id,
};
const ops = apiOperations(t.app);
const publicRoutes = new Set(declaredAccess(t.app).filter((r) => 'public' in r.access).map((r) => `${r.method} ${r.url}`));
const isPublic = (op: Operation) => publicRoutes.has(`${op.method} ${op.route}`);

/** Everything of B that must not change: its rows, its users, its tokens, its audit trail. */
async function snapshotB(): Promise<string> {
  const ws = B.workspace.id;
  const q = async (sql: string) => (await db.pool.query(sql, [ws])).rows;
  return JSON.stringify({
    workspace: await q('SELECT * FROM workspaces WHERE id = $1'),
    organisation: await q('SELECT o.* FROM organisations o JOIN workspaces w ON w.organisation_id = o.id WHERE w.id = $1'),
    siblings: await q('SELECT w2.id FROM workspaces w JOIN workspaces w2 ON w2.organisation_id = w.organisation_id WHERE w.id = $1 ORDER BY w2.id'),
    members: await q('SELECT * FROM memberships WHERE workspace_id = $1 ORDER BY user_id'),
    users: await q('SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.workspace_id = $1 ORDER BY u.id'),
    invitations: await q('SELECT * FROM invitations WHERE workspace_id = $1 ORDER BY id'),
    tokens: await q('SELECT * FROM api_tokens WHERE workspace_id = $1 ORDER BY id'),
    audit: await q('SELECT * FROM audit_log WHERE workspace_id = $1 ORDER BY id'),
  });
}

const namesWorkspace = (op: Operation) =>
  op.params.some((p) => p.name === 'workspaceId') || Object.hasOwn(op.body?.properties ?? {}, 'workspaceId');

/** A valid request of `op` whose ids are taken from `ids`. */
function requestWith(op: Operation, ids: Record<string, string>) {
  const path = buildPath(op, Object.fromEntries(pathParams(op).map((p) => [p.name, ids[p.name] ?? crypto.randomUUID()])));
  const query = Object.fromEntries(queryParams(op).filter((q) => q.required || q.name === 'workspaceId').map((q) => [q.name, ids[q.name] ?? String(sample(q.schema))]));
  let body = op.body ? (sample(op.body, { uuid: ids.workspaceId }) as Record<string, unknown>) : undefined;
  if (body && typeOf(op.body!) === 'object' && Object.hasOwn(op.body!.properties ?? {}, 'workspaceId')) body = { ...body, workspaceId: ids.workspaceId };
  return { url: withQuery(path, query), body };
}

describe('workspace isolation', () => {
  it('finds workspace-scoped operations in the OpenAPI document', () => {
    expect(ops.filter(namesWorkspace).length).toBeGreaterThan(5);
  });

  it('answers 404 to every operation that names workspace B, by session and by API token, and B is unchanged', async () => {
    const before = await snapshotB();
    const wrong: string[] = [];
    for (const op of ops.filter(namesWorkspace)) {
      for (const [who, client] of [['session', a], ['token', bearerA]] as const) {
        const { url, body } = requestWith(op, foreignIds);
        const r = await client.request(op.method, url, body);
        // Account-security routes refuse every API token before looking at the workspace.
        const tokenRefused = who === 'token' && r.status === 403 && r.body?.code === 'session_required';
        if (r.status !== 404 && !tokenRefused) wrong.push(`${who} ${op.method} ${url}: ${r.status} ${r.text.slice(0, 120)}`);
        else if (r.status === 404 && !String(r.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${who} ${op.method} ${url}: not problem+json`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshotB()).toBe(before);
  });

  it("answers 404 to B's member, invitation and token ids used inside A, and B is unchanged", async () => {
    const before = await snapshotB();
    const wrong: string[] = [];
    const withSubIds = ops.filter((op) => !isPublic(op) && pathParams(op).some((p) => p.name !== 'workspaceId'));
    expect(withSubIds.length).toBeGreaterThan(2);
    for (const op of withSubIds) {
      const { url, body } = requestWith(op, { ...foreignIds, workspaceId: A.workspace.id });
      const r = await a.request(op.method, url, body);
      if (r.status !== 404) wrong.push(`${op.method} ${url}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotB()).toBe(before);
  });

  it("reveals nothing of B in any readable answer about A", async () => {
    await b.patch('/api/v1/profile', { name: 'Bernd aus B' });
    const secretsOfB = [B.workspace.id, B.workspace.name, B.owner.email, memberB.email, memberB.id, B.owner.id, invitationB.body.id, tokenB.body.id, 'only-b@example.org', 'Bernd aus B'];
    const leaks: string[] = [];
    for (const op of ops.filter((o) => o.method === 'GET' && !isPublic(o))) {
      for (const format of [undefined, 'csv']) {
        const { url } = requestWith(op, { workspaceId: A.workspace.id, userId: A.owner.id });
        const full = format && queryParams(op).some((q) => q.name === 'format') ? `${url}${url.includes('?') ? '&' : '?'}format=csv` : url;
        const r = await a.get(full);
        for (const s of secretsOfB) if (r.text.includes(s)) leaks.push(`${full} (${r.status}) contains ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
