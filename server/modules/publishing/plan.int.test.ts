/**
 * The editorial plan's helpers for the calendar and the composer: filter values in use (campaigns,
 * topics, authors), filtering by them, and the next free default slot of a channel in the workspace
 * zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, type TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let owner: TestClient, author: TestClient;
let ws: string, channelId: string, authorId: string;
const base = () => `/api/v1/workspaces/${ws}`;

beforeAll(async () => {
  t = await createTestApp();
  // Wednesday 2031-03-26, 12:00 in Berlin.
  t.clock.set(new Date('2031-03-26T11:00:00Z'));
  const w = await buildWorkspace(t.ctx.database);
  ws = w.workspace.id;
  const a = await buildMember(t.ctx.database, ws, ['editor']);
  authorId = a.id;
  [owner, author] = await Promise.all([loggedIn(t.app, w.owner.email), loggedIn(t.app, a.email)]);
  const ch = await owner.post(`${base()}/channels`, { network: 'mastodon', name: 'Mastodon Amt', defaultSlots: [{ weekday: 3, time: '15:00' }, { weekday: 1, time: '09:00' }] });
  channelId = ch.body.id;
});
afterAll(async () => t.close());

describe('plan facets and filters', () => {
  it('lists campaigns, topics and authors in use and filters by them', async () => {
    await author.post(`${base()}/posts`, { text: 'A', campaign: 'Ausbildung 2025', topic: 'Karriere', channelIds: [channelId], schedule: { local: '2031-03-27T10:00' } });
    await owner.post(`${base()}/posts`, { text: 'B', campaign: 'Digitaler Antrag', topic: 'Service', schedule: { local: '2031-03-28T10:00' } });
    const f = await author.get(`${base()}/publishing/facets`);
    expect(f.status).toBe(200);
    expect(f.body.campaigns).toEqual(['Ausbildung 2025', 'Digitaler Antrag']);
    expect(f.body.topics).toEqual(['Karriere', 'Service']);
    expect(f.body.authorIds).toHaveLength(2);
    const byAuthor = await owner.get(`${base()}/posts?authorId=${authorId}`);
    expect(byAuthor.body.items.map((p: { text: string }) => p.text)).toEqual(['A']);
    const byTopic = await owner.get(`${base()}/posts?topic=Service`);
    expect(byTopic.body.items.map((p: { text: string }) => p.text)).toEqual(['B']);
  });
});

describe('next free slot', () => {
  it('offers the next default slot, skipping one taken by another post, across the DST change', async () => {
    const first = await author.get(`${base()}/channels/${channelId}/next-slot`);
    expect(first.body).toMatchObject({ timezone: 'Europe/Berlin', slot: { local: '2031-03-26T15:00', at: '2031-03-26T14:00:00.000Z' } });
    await author.post(`${base()}/posts`, { text: 'belegt', channelIds: [channelId], schedule: { local: '2031-03-26T15:10' } });
    const next = await author.get(`${base()}/channels/${channelId}/next-slot`);
    // Monday after the change to summer time: 09:00 local is 07:00Z.
    expect(next.body.slot).toEqual({ local: '2031-03-31T09:00', at: '2031-03-31T07:00:00.000Z' });
  });

  it('is null for a channel without slots', async () => {
    const ch = await owner.post(`${base()}/channels`, { network: 'bluesky', name: 'Ohne Slots' });
    expect((await author.get(`${base()}/channels/${ch.body.id}/next-slot`)).body.slot).toBeNull();
  });
});
