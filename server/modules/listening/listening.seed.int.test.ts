import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { seedListeningDemo } from './listening.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('listening demo seed', () => {
  it('creates queries for the organisation and two competitors with two weeks of mentions, rollups and a past alert', async () => {
    const { workspace, owner } = await buildWorkspace(t.ctx.database);
    await t.ctx.database.db.transaction((tx) => seedListeningDemo({ tx, workspaceId: workspace.id, userIds: { [owner.email]: owner.id } }));
    const c = await loggedIn(t.app, owner.email);
    const base = `/api/v1/workspaces/${workspace.id}/listening`;
    const groups = (await c.get(`${base}/topic-groups`)).body.items;
    expect(groups.map((g: { kind: string }) => g.kind).sort()).toEqual(['competitor', 'competitor', 'org']);
    const org = groups.find((g: { kind: string }) => g.kind === 'org');
    const d = await c.get(`${base}/dashboard?groupId=${org.id}&from=${new Date(Date.now() - 15 * 86_400_000).toISOString()}`);
    expect(d.body.total).toBeGreaterThan(100);
    expect(d.body.sentiment.negative).toBeGreaterThan(0);
    expect(d.body.sentiment.positive).toBeGreaterThan(0);
    expect(d.body.languages.map((l: { key: string }) => l.key)).toEqual(expect.arrayContaining(['de', 'en']));
    expect(d.body.shareOfVoice).toHaveLength(3);
    expect((await c.get(`${base}/alerts`)).body.items).toHaveLength(1);
    expect((await c.get(`${base}/mentions?groupId=${org.id}&limit=5`)).body.items).toHaveLength(5);
  });
});
