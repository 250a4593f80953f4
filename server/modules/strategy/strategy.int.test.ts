import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { pdfText } from '../reporting/pdf/pdf-text.ts';

const t = await createTestApp();
afterAll(async () => t.close());
t.clock.set(new Date('2025-06-15T10:00:00Z'));

const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = `/api/v1/workspaces/${workspace.id}`;
const strategist = await buildMember(t.ctx.database, workspace.id, ['strategist']);
const employee = await buildMember(t.ctx.database, workspace.id, ['employee']);
const analyst = await buildMember(t.ctx.database, workspace.id, ['analyst']);
const c = new TestClient(t.app);
await c.login(strategist.email);

const readiness = async () => (await c.get(`${ws}/readiness`)).body as { score: number; areas: { key: string; score: number; items: { id: string; status: string; reason: { en: string } }[] }[] };
const item = (r: Awaited<ReturnType<typeof readiness>>, id: string) => r.areas.flatMap((a) => a.items).find((i) => i.id === id)!;

describe('SMART goals', () => {
  let metaGoalId = '';
  it('creates a meta goal and a SMART goal with progress from the KPI series', async () => {
    const m = await c.post(`${ws}/strategy/meta-goals`, { title: 'Informieren' });
    expect(m.status).toBe(201);
    metaGoalId = m.body.id;
    const g = await c.post(`${ws}/strategy/goals`, { metaGoalId, title: '100 Beiträge', metric: 'posts_published', channels: ['bluesky'], targetValue: 100, startDate: '2025-06-01', deadline: '2025-09-08' });
    expect(g.status).toBe(201);
    expect(g.body.progress).toMatchObject({ current: null, forecast: 'insufficient_data' });
    const stored = await c.post(`${ws}/kpis/values`, { values: Array.from({ length: 9 }, (_, i) => ({ metric: 'posts_published', channel: 'bluesky', date: `2025-06-0${i + 1}`, value: 1 })) });
    expect(stored.status).toBe(200);
    const again = await c.get(`${ws}/strategy/goals/${g.body.id}`);
    expect(again.body.progress.current).toBe(9);
    expect(again.body.progress.progress).toBe(9);
    expect(['on_track', 'at_risk', 'off_track']).toContain(again.body.progress.forecast);
    const series = await c.get(`${ws}/strategy/goals/${g.body.id}/series`);
    expect(series.body.points).toHaveLength(9);
  });

  it('rejects a goal without metric, number or date, naming each field', async () => {
    const r = await c.post(`${ws}/strategy/goals`, { metaGoalId, title: 'Vage' });
    expect(r.status).toBe(400);
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.metric', 'body.targetValue', 'body.deadline']));
  });

  it('rejects a deadline in the past and a target equal to the baseline', async () => {
    const r = await c.post(`${ws}/strategy/goals`, { metaGoalId, title: 'Gestern', metric: 'followers', baseline: 10, targetValue: 10, deadline: '2025-06-14' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual(expect.arrayContaining([
      { path: 'body.deadline', message: 'the deadline must not be in the past' },
      { path: 'body.targetValue', message: 'the target value must differ from the baseline' },
    ]));
  });

  it('rejects a meta goal and an owner from elsewhere as field errors', async () => {
    const other = await buildWorkspace(t.ctx.database);
    const r = await c.post(`${ws}/strategy/goals`, { metaGoalId: other.workspace.id, ownerId: other.owner.id, title: 'X', metric: 'followers', targetValue: 5, deadline: '2026-01-01' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('unknown_reference');
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.metaGoalId', 'body.ownerId']);
  });
});

describe('access', () => {
  it('refuses the strategy to an employee (403) but lets analysts read and not write', async () => {
    const e = new TestClient(t.app);
    await e.login(employee.email);
    expect((await e.get(`${ws}/strategy/challenges`)).status).toBe(403);
    expect((await e.get(`${ws}/readiness`)).status).toBe(403);
    expect((await e.get(`${ws}/guidelines`)).status).toBe(200);
    const a = new TestClient(t.app);
    await a.login(analyst.email);
    expect((await a.get(`${ws}/strategy/challenges`)).status).toBe(200);
    expect((await a.post(`${ws}/strategy/challenges`, { title: 'Nope' })).status).toBe(403);
  });
});

describe('versions and comments', () => {
  it('stores a version per change, audits it, and keeps comments on the item', async () => {
    const created = await c.post(`${ws}/strategy/challenges`, { title: 'Schnelligkeit', progress: 10 });
    const id = created.body.id;
    expect(created.body).toMatchObject({ version: 1, state: 'not_started', progress: 10 });
    const updated = await c.patch(`${ws}/strategy/challenges/${id}`, { progress: 40, state: 'in_progress' });
    expect(updated.body.version).toBe(2);
    const versions = await c.get(`${ws}/strategy/items/${id}/versions`);
    expect(versions.body.items.map((v: { version: number; snapshot: { progress: number } }) => [v.version, v.snapshot.progress])).toEqual([[2, 40], [1, 10]]);
    const bad = await c.patch(`${ws}/strategy/challenges/${id}`, { progress: 101 });
    expect(bad.status).toBe(400);
    const a = new TestClient(t.app);
    await a.login(analyst.email);
    expect((await a.post(`${ws}/strategy/items/${id}/comments`, { body: 'Zu optimistisch?' })).status).toBe(201);
    const comments = await c.get(`${ws}/strategy/items/${id}/comments`);
    expect(comments.body.items[0]).toMatchObject({ body: 'Zu optimistisch?', authorId: analyst.id });
    const audit = await t.ctx.database.pool.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['strategy.challenge.created', 'strategy.challenge.updated']);
    expect((await c.delete(`${ws}/strategy/challenges/${id}`)).status).toBe(200);
    expect((await c.get(`${ws}/strategy/items/${id}/comments`)).status).toBe(404);
  });
});

describe('effort plan', () => {
  it('returns the calculation and warns when the plan exceeds the capacity', async () => {
    const r = await c.post(`${ws}/strategy/effort-plans`, {
      name: 'Plan', monitoringHoursPerWeek: 2, capacity: [{ userId: strategist.id, hoursPerWeek: 5 }],
      lines: [{ network: 'bluesky', postsPerWeek: 10, minutesPerPost: 30, interactionsPerWeek: 30, minutesPerInteraction: 4 }],
    });
    expect(r.status).toBe(201);
    expect(r.body.result).toMatchObject({ plannedHours: 9, capacityHours: 5, overCapacity: true, warnings: ['over_capacity'] });
  });
});

describe('readiness navigator', () => {
  it('computes item status from the configuration and follows changes', async () => {
    const before = await readiness();
    expect(before.areas.map((a) => a.key)).toHaveLength(10);
    expect(item(before, 'organisation.channel_owner').status).toBe('not_started');
    expect(item(before, 'crisis.playbook')).toMatchObject({ status: 'not_started' });
    expect(item(before, 'effort.calculated').status).toBe('in_progress');

    const p = await c.post(`${ws}/strategy/platforms`, { network: 'bluesky', ownerId: strategist.id });
    expect(p.status).toBe(201);
    const mid = await readiness();
    expect(item(mid, 'organisation.channel_owner').status).toBe('done');
    expect(item(mid, 'organisation.substitute').status).toBe('in_progress');
    expect(item(mid, 'organisation.substitute').reason.en).toContain('bluesky');

    await c.patch(`${ws}/strategy/platforms/${p.body.id}`, { deputyId: owner.id });
    const after = await readiness();
    expect(item(after, 'organisation.substitute').status).toBe('done');
    expect(after.areas.find((a) => a.key === 'organisation')!.score).toBeGreaterThan(before.areas.find((a) => a.key === 'organisation')!.score);
  });

  it('counts goals as defined only while one passes the SMART check', async () => {
    expect(item(await readiness(), 'goals.smart').status).toBe('done');
    // Time passes: the only goal's deadline is now behind us (the API refuses to set a past date).
    await t.ctx.database.pool.query(`UPDATE strategy_goals SET start_date = '2025-01-01', deadline = '2025-06-01' WHERE workspace_id = $1`, [workspace.id]);
    expect(item(await readiness(), 'goals.smart').status).toBe('in_progress');
  });
});

describe('strategy document', () => {
  it('exports Markdown in German and English', async () => {
    const de = await c.get(`${ws}/strategy/document?lang=de&format=md`);
    expect(de.status).toBe(200);
    expect(String(de.headers['content-type'])).toContain('text/markdown');
    expect(de.text).toContain('# Social-Media-Strategie');
    expect(de.text).toContain('100 Beiträge');
    const en = await c.get(`${ws}/strategy/document?lang=en&format=json`);
    expect(en.body.markdown).toContain('## Target groups');
  });

  it('exports the same document as PDF and DOCX', async () => {
    const get = (format: string, lang: string) => t.app.inject({ method: 'GET', url: `${ws}/strategy/document?lang=${lang}&format=${format}`, headers: { cookie: c.cookie } });
    const pdf = await get('pdf', 'de');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toContain('strategie-de.pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Social-Media-Strategie');
    expect(text).toContain('100 Beiträge');
    expect(text).toContain('Zielgruppen');

    const docx = await get('docx', 'en');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // A DOCX is a ZIP whose word/document.xml holds the text.
    const xml = await documentXml(docx.rawPayload);
    expect(xml).toContain('Social media strategy');
    expect(xml).toContain('100 Beiträge');
    expect(xml).toContain('Heading1');
  });
});

/** word/document.xml of a DOCX (a ZIP; the entry is deflated). */
async function documentXml(zip: Buffer): Promise<string> {
  const { inflateRawSync } = await import('node:zlib');
  for (let i = 0; i + 30 < zip.length; i++) {
    if (zip.readUInt32LE(i) !== 0x04034b50) continue;
    const method = zip.readUInt16LE(i + 8);
    const size = zip.readUInt32LE(i + 18);
    const nameLen = zip.readUInt16LE(i + 26);
    const extra = zip.readUInt16LE(i + 28);
    const name = zip.subarray(i + 30, i + 30 + nameLen).toString();
    const data = zip.subarray(i + 30 + nameLen + extra, i + 30 + nameLen + extra + size);
    if (name === 'word/document.xml') return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
  }
  throw new Error('no word/document.xml');
}
