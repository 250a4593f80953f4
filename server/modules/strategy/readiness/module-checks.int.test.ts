/** Readiness items owned by other modules are computed from their real configuration. */
import { afterAll, describe, expect, it } from 'vitest';
import { approvalChains, channels } from '../../publishing/publishing.schema.ts';
import { listeningQueries, listeningSources } from '../../listening/listening.schema.ts';
import { loggedIn } from '../../../test/client.ts';
import { buildWorkspace } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const c = await loggedIn(t.app, owner.email);
const status = async (id: string) => {
  const r = await c.get(`/api/v1/workspaces/${workspace.id}/readiness`);
  expect(r.status).toBe(200);
  return (r.body.areas as { items: { id: string; status: string }[] }[]).flatMap((a) => a.items).find((i) => i.id === id)!.status;
};

describe('module readiness checks', () => {
  it('"who approves" follows the channels and their approval chains', async () => {
    expect(await status('organisation.approval')).toBe('not_started');
    await t.ctx.database.db.insert(channels).values({ workspaceId: workspace.id, network: 'mastodon', name: 'Mastodon' });
    expect(await status('organisation.approval')).toBe('in_progress');
    await t.ctx.database.db.insert(approvalChains).values({ workspaceId: workspace.id, channelId: null, steps: [] });
    expect(await status('organisation.approval')).toBe('done');
  });

  it('"monitoring set up" needs an active query and a source', async () => {
    expect(await status('monitoring.queries')).toBe('not_started');
    await t.ctx.database.db.insert(listeningQueries).values({ workspaceId: workspace.id, name: 'Amt', query: 'beispielwesen' } as never);
    expect(await status('monitoring.queries')).toBe('in_progress');
    await t.ctx.database.db.insert(listeningSources).values({ workspaceId: workspace.id, kind: 'rss', name: 'Presse', config: {} } as never);
    expect(await status('monitoring.queries')).toBe('done');
  });
});
