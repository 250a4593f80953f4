import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';

const t = await createTestApp();
afterAll(async () => t.close());

const { workspace } = await buildWorkspace(t.ctx.database);
const ws = `/api/v1/workspaces/${workspace.id}`;
const strategist = await buildMember(t.ctx.database, workspace.id, ['strategist']);
const employee = await buildMember(t.ctx.database, workspace.id, ['employee']);
const s = new TestClient(t.app);
await s.login(strategist.email);
const e = new TestClient(t.app);
await e.login(employee.email);

const readinessItem = async (id: string) => ((await s.get(`${ws}/readiness`)).body.areas as { items: { id: string; status: string }[] }[]).flatMap((a) => a.items).find((i) => i.id === id)!;

describe('guidelines', () => {
  let id = '';
  it('hides a draft from employees and publishes it as version 1 from the template', async () => {
    const r = await s.post(`${ws}/guidelines`, { title: 'Leitfaden', language: 'de', fromTemplate: true });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(r.body.draft.body).toContain('Datenschutz');
    expect(r.body.currentVersion).toBeNull();
    expect((await e.get(`${ws}/guidelines`)).body.items).toEqual([]);
    expect((await e.get(`${ws}/guidelines/${id}`)).status).toBe(404);
    expect(await readinessItem('guidelines.acknowledged')).toMatchObject({ status: 'in_progress' });
    const p = await s.post(`${ws}/guidelines/${id}/publish`, { changeNote: 'Erste Fassung' });
    expect(p.body.currentVersion).toBe(1);
    expect((await s.post(`${ws}/guidelines/${id}/publish`, {})).status).toBe(409);
  });

  it('lets an employee read and acknowledge the current version; the status lists who has not', async () => {
    const list = await e.get(`${ws}/guidelines`);
    expect(list.body.items[0]).toMatchObject({ id, currentVersion: 1, acknowledged: false, draft: null });
    expect((await e.get(`${ws}/guidelines/${id}/acknowledgements`)).status).toBe(403);
    const ack = await e.post(`${ws}/guidelines/${id}/acknowledge`, { version: 1 });
    expect(ack.body.acknowledged).toBe(true);
    expect((await e.post(`${ws}/guidelines/${id}/acknowledge`, { version: 1 })).status).toBe(200);
    const status = await s.get(`${ws}/guidelines/${id}/acknowledgements`);
    expect(status.body).toMatchObject({ version: 1, acknowledged: 1, total: 3 });
    expect(status.body.members.filter((m: { acknowledgedAt: string | null }) => !m.acknowledgedAt)).toHaveLength(2);
    expect(await readinessItem('guidelines.acknowledged')).toMatchObject({ status: 'in_progress' });
  });

  it('asks everyone again after a new version and refuses an outdated acknowledgement', async () => {
    await s.patch(`${ws}/guidelines/${id}`, { body: 'Neue Fassung.' });
    await s.post(`${ws}/guidelines/${id}/publish`, {});
    const r = await e.post(`${ws}/guidelines/${id}/acknowledge`, { version: 1 });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('outdated_version');
    expect((await e.get(`${ws}/guidelines/${id}`)).body).toMatchObject({ currentVersion: 2, acknowledged: false, body: 'Neue Fassung.' });
    expect((await e.get(`${ws}/guidelines/${id}/versions`)).body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('is done in the navigator once at least 80 % acknowledged', async () => {
    const owner = (await t.ctx.database.pool.query(`SELECT user_id FROM memberships WHERE workspace_id = $1 AND 'owner' = ANY(roles)`, [workspace.id])).rows[0].user_id;
    const o = new TestClient(t.app);
    await o.login((await t.ctx.database.pool.query('SELECT email FROM users WHERE id = $1', [owner])).rows[0].email);
    for (const c of [e, s, o]) expect((await c.post(`${ws}/guidelines/${id}/acknowledge`, { version: 2 })).status).toBe(200);
    expect(await readinessItem('guidelines.acknowledged')).toMatchObject({ status: 'done' });
  });
});

describe('training', () => {
  const quiz = [
    { id: 'q1', prompt: 'Privat?', kind: 'single', options: [{ id: 'a', text: 'Meinung kennzeichnen', correct: true }, { id: 'b', text: 'Im Namen des Amtes', correct: false }] },
    { id: 'q2', prompt: 'Vertraulich?', kind: 'multiple', options: [{ id: 'a', text: 'Entwurf', correct: true }, { id: 'b', text: 'Whiteboard', correct: true }, { id: 'c', text: 'Link', correct: false }] },
  ];
  let id = '';

  it('rejects a quiz with no correct answer, naming the question', async () => {
    const r = await s.post(`${ws}/trainings`, { title: 'Kurs', questions: [quiz[0], { ...quiz[1], options: quiz[1]!.options.map((o) => ({ ...o, correct: false })) }] });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ path: 'body.questions.1.options', message: 'mark at least one option as correct' }]);
  });

  it('scores attempts against the pass mark and hides the answers from learners', async () => {
    const r = await s.post(`${ws}/trainings`, { title: 'Kurs', questions: quiz, passMark: 100, status: 'published', links: [{ title: 'Mehr', url: 'https://example.org/' }] });
    expect(r.status).toBe(201);
    id = r.body.id;
    const seen = await e.get(`${ws}/trainings/${id}`);
    expect(seen.text).not.toContain('correct');
    const half = await e.post(`${ws}/trainings/${id}/attempts`, { answers: { q1: ['a'], q2: ['a'] } });
    expect(half.status).toBe(201);
    expect(half.body).toMatchObject({ score: 50, passed: false, questions: [{ id: 'q1', correct: true }, { id: 'q2', correct: false }] });
    const full = await e.post(`${ws}/trainings/${id}/attempts`, { answers: { q1: ['a'], q2: ['b', 'a'] } });
    expect(full.body).toMatchObject({ score: 100, passed: true });
    const bad = await e.post(`${ws}/trainings/${id}/attempts`, { answers: { q1: ['a', 'b'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.answers.q1');
    expect((await e.get(`${ws}/trainings/${id}`)).body).toMatchObject({ myBestScore: 100, myPassed: true });
  });

  it('reports completion per member and per roll-out phase', async () => {
    const phase = await s.post(`${ws}/strategy/phases`, { name: 'Pilot', isPilot: true, memberIds: [employee.id, strategist.id] });
    expect(phase.status).toBe(201);
    const r = await s.get(`${ws}/trainings/${id}/completion`);
    expect(r.body).toMatchObject({ passed: 1, total: 3 });
    expect(r.body.members.find((m: { userId: string }) => m.userId === employee.id)).toMatchObject({ attempts: 2, bestScore: 100, passed: true });
    expect(r.body.phases).toEqual([{ phaseId: phase.body.id, name: 'Pilot', members: 2, passed: 1, share: 50 }]);
    expect((await e.get(`${ws}/trainings/${id}/completion`)).status).toBe(403);
  });

  it('keeps drafts away from learners', async () => {
    const d = await s.post(`${ws}/trainings`, { title: 'Entwurf', fromTemplate: true, language: 'en' });
    expect(d.body.questions.length).toBeGreaterThan(0);
    expect((await e.get(`${ws}/trainings/${d.body.id}`)).status).toBe(404);
    expect((await e.post(`${ws}/trainings/${d.body.id}/attempts`, { answers: {} })).status).toBe(404);
  });
});
