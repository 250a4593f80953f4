import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { seedPublishing } from '../publishing/publishing.seed.ts';
import { seedInboxDemo } from './inbox.seed.ts';

const t = await createTestApp();
afterAll(async () => t.close());

describe('inbox demo seed', () => {
  it('fills a German inbox in every SLA state with saved replies, rules and an open expert question', async () => {
    const { workspace, owner } = await buildWorkspace(t.ctx.database);
    const kemal = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
    const clara = await buildMember(t.ctx.database, workspace.id, ['duty_editor', 'community_manager']);
    const userIds = { [owner.email]: owner.id, 'community@resonanz.local': kemal.id, 'cvd@resonanz.local': clara.id };
    await t.ctx.database.db.transaction(async (tx) => {
      await seedPublishing({ tx, workspaceId: workspace.id, userIds });
      await seedInboxDemo({ tx, workspaceId: workspace.id, userIds });
    });
    const c = await loggedIn(t.app, owner.email);
    const W = `/api/v1/workspaces/${workspace.id}/inbox`;
    const all = (await c.get(`${W}/items?status=new,assigned,waiting,done,spam&limit=100`)).body.items as { text: string; status: string; sla: { state: string }; kind: string; language: string }[];
    expect(all.length).toBe(13);
    expect(new Set(all.map((i) => i.sla.state))).toEqual(new Set(['ok', 'warning', 'breached', 'met', 'missed']));
    expect(new Set(all.map((i) => i.status))).toEqual(new Set(['new', 'assigned', 'waiting', 'done', 'spam']));
    expect(new Set(all.map((i) => i.kind))).toEqual(new Set(['comment', 'reply', 'mention', 'quote', 'dm']));
    expect(all.some((i) => i.language === 'en')).toBe(true);
    const open = (await c.get(`${W}/items`)).body.items as { sla: { state: string } }[];
    expect(open[0]!.sla.state).toBe('breached');
    const saved = (await c.get(`${W}/saved-replies`)).body.items as { language: string; address: string }[];
    expect(new Set(saved.map((s) => `${s.language}-${s.address}`))).toEqual(new Set(['de-sie', 'de-du', 'en-sie', 'en-du']));
    expect((await c.get(`${W}/rules`)).body.items).toHaveLength(4);
    const expert = (await c.get(`${W}/items?q=Selbstständige`)).body.items[0];
    expect((await c.get(`${W}/items/${expert.id}`)).body.escalations[0]).toMatchObject({ state: 'open', department: 'Referat Steuerrecht' });
    // The department directory: two entries, the one already asked counts its request.
    const contacts = (await c.get(`${W}/expert-contacts`)).body.items as { source: string; department: string; uses: number }[];
    expect(contacts.map((x) => [x.source, x.department, x.uses])).toEqual([['directory', 'Referat Bürgerservice', 0], ['directory', 'Referat Steuerrecht', 1]]);
    // Comments on our published posts show that post and stay in their own channel's conversation.
    const rows = (await c.get(`${W}/items?status=new,assigned,waiting,done,spam&limit=100`)).body.items as { id: string; channelId: string; inReplyToOurPost: boolean }[];
    let withPost = 0;
    for (const r of rows.filter((x) => x.inReplyToOurPost)) {
      const conv = (await c.get(`${W}/items/${r.id}`)).body as { ourPost: { text: string } | null; thread: { channelId: string }[] };
      if (conv.ourPost) withPost++;
      expect(conv.thread.every((x) => x.channelId === r.channelId)).toBe(true);
    }
    expect(withPost).toBeGreaterThan(1);
  });
});
