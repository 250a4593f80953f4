import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { createTestApp } from '../../test/harness.ts';
import { seedDemo } from '../../seed/demo.seed.ts';

const t = await createTestApp({ DEMO_PASSWORD: 'demo-password-123' });
afterAll(async () => t.close());

describe('demo strategy', () => {
  it('gives the demo workspace a strategy the navigator and the goals can show', async () => {
    await seedDemo(t.ctx);
    const c = new TestClient(t.app);
    await c.login('demo@resonanz.local', 'demo-password-123');
    const wsId = (await c.get('/api/v1/auth/me')).body.workspaces.find((w: { name: string }) => w.name === 'Bundesamt für Beispielwesen').id;
    const ws = `/api/v1/workspaces/${wsId}`;
    const goals = (await c.get(`${ws}/strategy/goals`)).body.items;
    expect(goals).toHaveLength(4);
    expect(goals.every((g: { progress: { current: number | null } }) => g.progress.current !== null)).toBe(true);
    expect((await c.get(`${ws}/strategy/meta-goals`)).body.items).toHaveLength(2);
    expect((await c.get(`${ws}/strategy/target-groups`)).body.items).toHaveLength(4);
    expect((await c.get(`${ws}/strategy/platforms`)).body.items.map((p: { network: string }) => p.network)).toEqual(['bluesky', 'mastodon']);
    const r = (await c.get(`${ws}/readiness`)).body;
    const items = r.areas.flatMap((a: { items: unknown[] }) => a.items) as { id: string; status: string }[];
    const status = (id: string) => items.find((i) => i.id === id)!.status;
    expect(status('goals.smart')).toBe('done');
    expect(status('guidelines.acknowledged')).toBe('in_progress');
    expect(status('organisation.substitute')).toBe('in_progress');
    // Meaningful on first start: some items done, some still to do (which ones depends on the modules' demo data).
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['done', 'in_progress', 'not_started']));
    expect(r.score).toBeGreaterThan(20);
    expect(r.score).toBeLessThan(90);
    const ack = (await c.get(`${ws}/guidelines`)).body.items[0];
    const status2 = (await c.get(`${ws}/guidelines/${ack.id}/acknowledgements`)).body;
    expect(status2.acknowledged).toBe(Math.ceil(status2.total / 2));
    const doc = await c.get(`${ws}/strategy/document?lang=de`);
    expect(doc.text).toContain('Pilotphase Presse und Community');
    const platforms = (await c.get(`${ws}/strategy/platforms`)).body.items;
    expect((await c.get(`${ws}/strategy/platforms/${platforms[0].id}/assets`)).body.items.map((a: { filename: string }) => a.filename)).toEqual(['bildmarke.png', 'hausfarben.png']);
  });

  it('has reports with data: last month against the month before, last month already sent', async () => {
    const c = new TestClient(t.app);
    await c.login('demo@resonanz.local', 'demo-password-123');
    const wsId = (await c.get('/api/v1/auth/me')).body.workspaces.find((w: { name: string }) => w.name === 'Bundesamt für Beispielwesen').id;
    const ws = `/api/v1/workspaces/${wsId}`;
    const reports = (await c.get(`${ws}/reports`)).body.items;
    expect(reports.map((r: { name: string }) => r.name)).toEqual(['Bericht für die Amtsleitung', 'Community-Wochenbericht']);
    expect(reports[0].lastDelivery).toMatchObject({ status: 'sent' });
    const d = (await c.get(`${ws}/reports/${reports[0].id}/data`)).body;
    expect(d.empty).toBe(false);
    expect(d.keyFigures.length).toBe(6);
    expect(d.keyFigures.every((k: { value: number | null; previous: number | null }) => k.value !== null && k.previous !== null)).toBe(true);
    expect(d.goals).toHaveLength(4);
    expect(d.responseTimes.length).toBeGreaterThan(0);
    expect(d.sentiment).not.toBeNull();
    expect(d.shareOfVoice.length).toBeGreaterThan(0);
    const dash = (await c.get(`${ws}/reports/dashboard?period=monthly`)).body;
    expect(dash.kpis.some((k: { metric: string; channel: string }) => k.metric === 'followers' && k.channel === 'bluesky')).toBe(true);
  });
});
