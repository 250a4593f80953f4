/**
 * Mastodon moderation against recorded exchanges (bodies and JSON requests checked against the
 * OpenAPI subset; unmatched requests fail): block, unblock, mute, report; what Mastodon cannot do is not offered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requireCapability, type CallContext } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { limitsFromInstance } from './mastodon.limits.ts';
import { createMastodonProvider, type MastodonCredentials } from './mastodon.provider.ts';
import { anna, OUR_ACCOUNT_ID } from './test/inbound-recordings.ts';
import { RecordedInstance } from './test/recorded-instance.ts';
import { INSTANCE, errors, instanceV2, token } from './test/recordings.ts';

let server: RecordedInstance | undefined;
function provider() {
  server = new RecordedInstance(INSTANCE);
  return createMastodonProvider({ dispatcher: server.agent, now: () => new Date('2025-05-05T10:00:00Z'), allowPrivateNetwork: true, timeoutMs: 5_000 });
}
const ctx: CallContext<MastodonCredentials> = {
  credentials: { instanceUrl: INSTANCE, accessToken: token.access_token, clientId: 'c', clientSecret: 's', scope: token.scope, accountId: OUR_ACCOUNT_ID, limits: limitsFromInstance(instanceV2) },
};
afterEach(async () => {
  await server?.verify();
  server = undefined;
});

const relationship = (over: Record<string, unknown>) => ({
  id: anna.id, blocked_by: false, blocking: false, domain_blocking: false, endorsed: false, followed_by: false, following: false,
  muting: false, muting_notifications: false, note: '', notifying: false, requested: false, requested_by: false, showing_reblogs: true, ...over,
});
const annaAccount = { id: anna.id, handle: `@${anna.acct}` };

describe('mastodon moderation', () => {
  it('offers block, unblock, mute and report — not hiding or deleting someone else’s reply', () => {
    const m = requireCapability(provider(), 'moderate');
    expect(m.operations).toEqual(['block', 'unblock', 'mute', 'report']);
    expect(m.hide).toBeUndefined();
  });

  it('blocks and mutes the author’s account', async () => {
    const m = requireCapability(provider(), 'moderate');
    server!.expect({ method: 'POST', path: `/api/v1/accounts/${anna.id}/block`, status: 200, body: relationship({ blocking: true }) });
    server!.expect({ method: 'POST', path: `/api/v1/accounts/${anna.id}/mute`, status: 200, body: relationship({ muting: true, muting_notifications: true }) });
    await m.blockAuthor!(ctx, annaAccount);
    await m.muteAuthor!(ctx, annaAccount);
    expect(server!.requests.map((r) => r.path)).toEqual([`/api/v1/accounts/${anna.id}/block`, `/api/v1/accounts/${anna.id}/mute`]);
    expect(server!.requests[1]!.json).toEqual({ notifications: true });
    expect(server!.requests[0]!.headers.authorization).toBe(`Bearer ${token.access_token}`);
  });

  it('lifts a block (a reversed ban)', async () => {
    const m = requireCapability(provider(), 'moderate');
    server!.expect({ method: 'POST', path: `/api/v1/accounts/${anna.id}/unblock`, status: 200, body: relationship({ blocking: false }) });
    await m.unblockAuthor!(ctx, annaAccount);
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /api/v1/accounts/${anna.id}/unblock`]);
    expect(server!.requests[0]!.headers.authorization).toBe(`Bearer ${token.access_token}`);
  });

  it('reports the account with the statuses, the clause as comment, forwarded to the remote instance', async () => {
    const m = requireCapability(provider(), 'moderate');
    server!.expect({ method: 'POST', path: '/api/v1/reports', status: 200, body: {
      id: '48914', action_taken: false, action_taken_at: null, category: 'legal', comment: 'Netiquette §2: Volksverhetzung', forwarded: true,
      created_at: '2025-05-05T10:00:00.000Z', status_ids: ['114000000000000201'], rule_ids: null, target_account: anna,
    } });
    const r = await m.report!(ctx, { account: annaAccount, refs: [{ id: '114000000000000201' }], category: 'legal', comment: 'Netiquette §2: Volksverhetzung' });
    expect(r.reportId).toBe('48914');
    expect(server!.requests[0]!.json).toEqual({ account_id: anna.id, status_ids: ['114000000000000201'], comment: 'Netiquette §2: Volksverhetzung', category: 'legal', forward: true });
  });

  it('maps house-rule violations to "other" (instance rule ids are unknown to us)', async () => {
    const m = requireCapability(provider(), 'moderate');
    server!.expect({ method: 'POST', path: '/api/v1/reports', status: 200, body: {
      id: '48915', action_taken: false, category: 'other', comment: 'Beleidigung', forwarded: true, created_at: '2025-05-05T10:00:00.000Z', target_account: anna,
    } });
    await m.report!(ctx, { account: annaAccount, refs: [], category: 'violation', comment: 'Beleidigung' });
    expect((server!.requests[0]!.json as { category: string }).category).toBe('other');
  });

  it('a revoked token is a reauth error', async () => {
    const m = requireCapability(provider(), 'moderate');
    server!.expect({ method: 'POST', path: `/api/v1/accounts/${anna.id}/block`, status: 401, body: errors.unauthorized });
    const e = await m.blockAuthor!(ctx, annaAccount).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).kind).toBe('reauth');
  });
});
