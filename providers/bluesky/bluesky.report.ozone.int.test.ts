/**
 * Reporting to Bluesky's moderation service, end to end on a local AT Protocol network with a
 * moderation service behind the PDS (@atproto/dev-env's TestNetwork: PLC, PDS, AppView and Ozone,
 * the software behind Bluesky's own moderation). The report goes through the provider as in
 * production — the PDS proxies `createReport` to its moderation service — and must arrive in Ozone's
 * queue with our reason type and the clause as comment, for an account and for a post.
 * The network keeps its tables in a database of its own (created here, dropped afterwards) and
 * needs Redis for the AppView (REDIS_HOST, default 127.0.0.1:6379, as on CI).
 */
import { randomBytes } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { TestNetwork } from '@atproto/dev-env';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '../../server/test/global-setup.ts';
import { requireCapability, type CallContext } from '../contract.ts';
import { createBlueskyProvider, type BlueskyCredentials } from './bluesky.provider.ts';

const dbName = `resonanz_t_atproto_${randomBytes(4).toString('hex')}`;
let network: TestNetwork;
let creds: BlueskyCredentials;
let troll: AtpAgent;
let trollDid: string;
const provider = createBlueskyProvider({ allowPrivateNetwork: true });
const mod = requireCapability(provider, 'moderate');

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  process.env.REDIS_HOST ??= '127.0.0.1:6379';
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  // Schema names may hold letters and underscores only.
  network = await TestNetwork.create({ dbPostgresUrl: withDatabase(inject('adminDatabaseUrl'), dbName), dbPostgresSchema: 'resonanz' });
  const setup = new AtpAgent({ service: network.pds.url });
  await setup.createAccount({ handle: 'amt.test', email: 'presse@example.de', password: 'main-password' });
  const appPassword = (await setup.com.atproto.server.createAppPassword({ name: 'resonanz' })).data.password;
  if (provider.connect.flow !== 'password') throw new Error('expected password flow');
  creds = (await provider.connect.login({ identifier: 'amt.test', password: appPassword, serviceUrl: network.pds.url })).credentials;
  troll = new AtpAgent({ service: network.pds.url });
  trollDid = (await troll.createAccount({ handle: 'troll.test', email: 'troll@example.de', password: 'troll-password' })).data.did;
}, 120_000);
afterAll(async () => {
  await network?.close();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
});

const ctx = (): CallContext<BlueskyCredentials> => ({ credentials: creds, onCredentialsUpdate: (c) => void (creds = c) });
const reportsOn = async (subject: string) => {
  const q = await network.ozone.getModClient().queryEvents({ subject, types: ['tools.ozone.moderation.defs#modEventReport'] });
  return q.events.map((e) => ({ event: e.event as { reportType?: string; comment?: string }, subject: e.subject as { did?: string; uri?: string }, by: e.createdBy }));
};

describe('bluesky reports reach the moderation service', () => {
  it('reports an account: Ozone has it with our reason and the clause as comment', async () => {
    const r = await mod.report!(ctx(), { account: { id: trollDid, handle: '@troll.test' }, refs: [], category: 'spam', comment: 'Netiquette 3: Werbung' });
    expect(r.reportId).toMatch(/^\d+$/);
    const reports = await reportsOn(trollDid);
    expect(reports).toEqual([{ event: expect.objectContaining({ reportType: 'com.atproto.moderation.defs#reasonSpam', comment: 'Netiquette 3: Werbung' }), subject: expect.objectContaining({ did: trollDid }), by: creds.session.did }]);
  });

  it('reports a post by its strong reference', async () => {
    const post = await troll.post({ text: 'Ihr seid alle Idioten' });
    await network.processAll();
    await mod.report!(ctx(), { account: { id: trollDid, handle: '@troll.test' }, refs: [{ id: post.uri, cid: post.cid }], category: 'violation', comment: 'Netiquette 1: Beleidigung' });
    const reports = await reportsOn(post.uri);
    expect(reports).toEqual([{ event: expect.objectContaining({ reportType: 'com.atproto.moderation.defs#reasonRude', comment: 'Netiquette 1: Beleidigung' }), subject: expect.objectContaining({ uri: post.uri }), by: creds.session.did }]);
  });
});
