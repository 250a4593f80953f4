/** Mastodon metrics on recorded exchanges (validated against the OpenAPI subset; unmatched requests fail). */
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { limitsFromInstance } from './mastodon.limits.ts';
import { createMastodonProvider, type MastodonCredentials } from './mastodon.provider.ts';
import { RecordedInstance } from './test/recorded-instance.ts';
import { INSTANCE, credentialAccount, errors, instanceV2, status, token } from './test/recordings.ts';

const NOW = new Date('2025-05-05T08:00:00.000Z');
let server: RecordedInstance | undefined;

function metrics() {
  server = new RecordedInstance(INSTANCE);
  return createMastodonProvider({ dispatcher: server.agent, now: () => NOW, allowPrivateNetwork: true, timeoutMs: 5_000, sleep: async () => {} }).metrics!;
}

const ctx: CallContext<MastodonCredentials> = {
  credentials: {
    instanceUrl: INSTANCE, accessToken: token.access_token, clientId: 'c', clientSecret: 's', scope: token.scope,
    accountId: credentialAccount.id, limits: limitsFromInstance(instanceV2),
  },
};

afterEach(async () => {
  await server?.verify();
  server = undefined;
});

describe('mastodon metrics', () => {
  it('reads follower, following and post counts of the account', async () => {
    const m = metrics();
    server!.expect({ method: 'GET', path: '/api/v1/accounts/verify_credentials', status: 200, body: { ...credentialAccount, followers_count: 1234, following_count: 56, statuses_count: 789 } });
    expect(await m.readAccountMetrics(ctx)).toEqual({ followers: 1234, following: 56, posts: 789, fetchedAt: NOW });
    expect(server!.requests[0]!.headers.authorization).toBe(`Bearer ${token.access_token}`);
  });

  it('reads many statuses in one request and leaves out the ones the instance no longer has', async () => {
    const m = metrics();
    server!.expect({
      method: 'GET', path: '/api/v1/statuses?id[]=9001&id[]=9002&id[]=9003', status: 200,
      body: [status('9001', { favourites_count: 10, reblogs_count: 4, replies_count: 1 }), status('9003', { favourites_count: 2, reblogs_count: 0, replies_count: 5 })],
    });
    const r = await m.readManyMetrics(ctx, [{ id: '9001' }, { id: '9002' }, { id: '9003' }]);
    expect([...r.keys()]).toEqual(['9001', '9003']);
    expect(r.get('9001')).toMatchObject({ likes: 10, reposts: 4, replies: 1 });
    expect(r.get('9003')).toMatchObject({ likes: 2, reposts: 0, replies: 5 });
  });

  it('falls back to one request per status on instances before 4.3 (batch answers 404)', async () => {
    const m = metrics();
    server!
      .expect({ method: 'GET', path: '/api/v1/statuses?id[]=9001&id[]=9002', status: 404, body: { error: 'Record not found' } })
      .expect({ method: 'GET', path: '/api/v1/statuses/9001', status: 200, body: status('9001', { favourites_count: 3 }) })
      .expect({ method: 'GET', path: '/api/v1/statuses/9002', status: 404, body: { error: 'Record not found' } });
    const r = await m.readManyMetrics(ctx, [{ id: '9001' }, { id: '9002' }]);
    expect([...r.entries()].map(([id, v]) => [id, v.likes])).toEqual([['9001', 3]]);
  });

  it('maps a revoked token to reauth', async () => {
    const m = metrics();
    server!.expect({ method: 'GET', path: '/api/v1/accounts/verify_credentials', status: 401, body: errors.unauthorized });
    const e = await m.readAccountMetrics(ctx).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).kind).toBe('reauth');
  });
});
