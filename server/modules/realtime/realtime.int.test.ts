/**
 * Live events over a real HTTP connection (Server-Sent Events): delivered at commit only, filtered
 * by permission and recipient, refused for strangers, and ended when the member loses access.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';

const t = await createTestApp({ SSE_HEARTBEAT_MS: '200' });
let baseUrl = '';
beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => t.close());

const { workspace, owner } = await buildWorkspace(t.ctx.database);
const employee = await buildMember(t.ctx.database, workspace.id, ['employee']);
const other = await buildWorkspace(t.ctx.database);

async function cookieOf(email: string): Promise<string> {
  const c = new TestClient(t.app);
  await c.login(email);
  return c.cookie;
}

interface Stream { events: { type: string; data: Record<string, unknown> }[]; ended: Promise<void>; close(): void; waitFor(type: string, ms?: number): Promise<Record<string, unknown>> }

/** Opens the stream and collects `event:` blocks until closed. */
async function open(cookie: string, workspaceId = workspace.id): Promise<Stream> {
  const ac = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/workspaces/${workspaceId}/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: ac.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Stream['events'] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (data) {
            const parsed = JSON.parse(data) as Record<string, unknown> & { type: string };
            events.push({ type: parsed.type, data: parsed });
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (type: string, ms = 3000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const e = events.find((x) => x.type === type);
      if (e) return e.data;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${type} event within ${ms} ms; got ${events.map((e) => e.type).join(', ')}`);
  };
  await waitFor('ready');
  return { events, ended, close: () => ac.abort(), waitFor };
}

describe('live events (SSE)', () => {
  it('delivers an event emitted in a transaction only when it commits', async () => {
    const s = await open(await cookieOf(owner.email));
    await t.ctx.database.db.transaction(async (tx) => {
      await t.ctx.events.emit(tx, { workspaceId: workspace.id, type: 'test.rolled_back', data: { n: 1 } });
      tx.rollback();
    }).catch(() => undefined);
    await t.ctx.database.db.transaction(async (tx) => {
      await t.ctx.events.emit(tx, { workspaceId: workspace.id, type: 'test.committed', data: { id: 'x1' } });
    });
    expect(await s.waitFor('test.committed')).toEqual({ type: 'test.committed', id: 'x1' });
    expect(s.events.some((e) => e.type === 'test.rolled_back')).toBe(false);
    s.close();
  });

  it('filters by permission and by recipient, and never leaks another workspace', async () => {
    const o = await open(await cookieOf(owner.email));
    const e = await open(await cookieOf(employee.email));
    const db = t.ctx.database.db;
    await t.ctx.events.emit(db, { workspaceId: workspace.id, type: 'inbox.item.created', permission: 'inbox.read', data: { id: 'i1' } });
    await t.ctx.events.emit(db, { workspaceId: workspace.id, type: 'notification.created', userIds: [employee.id] });
    await t.ctx.events.emit(db, { workspaceId: other.workspace.id, type: 'foreign.event' });
    await t.ctx.events.emit(db, { workspaceId: workspace.id, type: 'test.sentinel' });
    await o.waitFor('test.sentinel');
    await e.waitFor('test.sentinel');
    expect(o.events.map((x) => x.type)).toContain('inbox.item.created');
    expect(o.events.map((x) => x.type)).not.toContain('notification.created');
    expect(e.events.map((x) => x.type)).toContain('notification.created');
    expect(e.events.map((x) => x.type)).not.toContain('inbox.item.created');
    expect([...o.events, ...e.events].map((x) => x.type)).not.toContain('foreign.event');
    o.close();
    e.close();
  });

  it('refuses a subscription to a foreign workspace with 404 and a plain JSON client with 406', async () => {
    const res = await fetch(`${baseUrl}/api/v1/workspaces/${other.workspace.id}/events`, { headers: { cookie: await cookieOf(owner.email), accept: 'text/event-stream' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const json = await fetch(`${baseUrl}/api/v1/workspaces/${workspace.id}/events`, { headers: { cookie: await cookieOf(owner.email) } });
    expect(json.status).toBe(406);
    expect((await json.json()).code).toBe('not_acceptable');
    const anon = await fetch(`${baseUrl}/api/v1/workspaces/${workspace.id}/events`, { headers: { accept: 'text/event-stream' } });
    expect(anon.status).toBe(401);
  });

  it('ends the stream at the next heartbeat once the member is removed', async () => {
    const member = await buildMember(t.ctx.database, workspace.id, ['analyst']);
    const s = await open(await cookieOf(member.email));
    await t.ctx.database.db.delete(memberships).where(eq(memberships.userId, member.id));
    const ended = await Promise.race([s.ended.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
    expect(ended).toBe(true);
  });
});

describe('shutdown', () => {
  it('ends open streams when the server closes, so a shutdown never waits for browsers', async () => {
    const t2 = await createTestApp();
    await t2.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t2.app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const ws = await buildWorkspace(t2.ctx.database);
    const c = new TestClient(t2.app);
    await c.login(ws.owner.email);
    const res = await fetch(`${url}/api/v1/workspaces/${ws.workspace.id}/events`, { headers: { cookie: c.cookie, accept: 'text/event-stream' } });
    const reader = res.body!.getReader();
    await reader.read();
    const closed = t2.close().then(() => true);
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 5000))])).toBe(true);
  });
});
