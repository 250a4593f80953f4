/**
 * Mastodon inbound against recorded exchanges (checked against the OpenAPI subset; unmatched
 * requests fail): notification kinds, min_id paging without gaps, the user stream, like/boost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requireCapability, type CallContext, type InboundBatch } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { limitsFromInstance } from './mastodon.limits.ts';
import { createMastodonProvider, type MastodonCredentials } from './mastodon.provider.ts';
import { anna, bernd, byAuthor, comment, direct, mention, notification, OUR_ACCOUNT_ID, OUR_STATUS_ID, quote, threadReply } from './test/inbound-recordings.ts';
import { checkResponse } from './test/openapi-validator.ts';
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
const TYPES = 'types%5B%5D=mention&types%5B%5D=quote';
afterEach(async () => {
  await server?.verify();
  server = undefined;
});

describe('mastodon inbound: notifications', () => {
  it('reads the newest page on first start, oldest first, with kinds, context and author profiles', async () => {
    const p = provider();
    // Newest first, as the instance sends them.
    server!.expect({ method: 'GET', path: `/api/v1/notifications?${TYPES}&limit=40`, status: 200, body: [quote, threadReply, mention, direct, comment] });
    const batch = await requireCapability(p, 'inbound').readInbound(ctx, null);
    expect(batch.cursor).toBe('505');
    expect(batch.items.map((i) => i.kind)).toEqual(['comment', 'dm', 'mention', 'reply', 'quote']);
    const [c, dm, , reply, q] = batch.items;
    expect(c!.ref).toEqual({ id: '114000000000000201', url: 'https://mastodon.example/@anna/114000000000000201' });
    expect(c!.ourPost).toEqual({ id: OUR_STATUS_ID });
    expect(c!.inReplyTo).toEqual({ id: OUR_STATUS_ID });
    expect(c!.text).toBe('@redaktion Wann ist das Bürgeramt am Samstag geöffnet?');
    expect(c!.languages).toEqual(['de']);
    expect(c!.author).toMatchObject({ id: anna.id, handle: '@anna@mastodon.example', displayName: 'Anna Beispiel', followerCount: 87 });
    expect(dm!.text).toBe('@redaktion Ich habe eine Frage zu meinem Antrag & den Unterlagen.');
    expect(dm!.author.handle).toBe('@bernd@social.example.de');
    expect(reply!.inReplyTo).toEqual({ id: '114000000000000201' });
    expect(reply!.ourPost).toBeUndefined();
    expect(q!.ourPost).toEqual({ id: OUR_STATUS_ID });
  });

  it('pages forward from the cursor with min_id until a short page, losing nothing', async () => {
    const p = provider();
    const first = Array.from({ length: 40 }, (_, i) => notification(String(1000 + i), 'mention', byAuthor(bernd, String(115000000000000000 + i))));
    server!.expect({ method: 'GET', path: `/api/v1/notifications?${TYPES}&limit=40&min_id=999`, status: 200, body: first.slice().reverse() });
    server!.expect({ method: 'GET', path: `/api/v1/notifications?${TYPES}&limit=40&min_id=1039`, status: 200, body: [notification('1040', 'mention', byAuthor(anna, '115000000000000099'))] });
    const batch = await requireCapability(p, 'inbound').readInbound(ctx, '999');
    expect(batch.items).toHaveLength(41);
    expect(batch.items[0]!.ref.id).toBe('115000000000000000');
    expect(batch.items[40]!.ref.id).toBe('115000000000000099');
    expect(batch.cursor).toBe('1040');
  });

  it('keeps the cursor when nothing is new and maps a revoked token to reauth', async () => {
    const p = provider();
    server!.expect({ method: 'GET', path: `/api/v1/notifications?${TYPES}&limit=40&min_id=505`, status: 200, body: [] });
    server!.expect({ method: 'GET', path: `/api/v1/notifications?${TYPES}&limit=40&min_id=505`, status: 401, body: errors.unauthorized });
    const inbound = requireCapability(p, 'inbound');
    expect(await inbound.readInbound(ctx, '505')).toEqual({ items: [], cursor: '505' });
    const e = await inbound.readInbound(ctx, '505').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).kind).toBe('reauth');
  });
});

describe('mastodon inbound: user notification stream', () => {
  const sse = (n: object) => `event: notification\ndata: ${JSON.stringify(n)}\n\n`;
  it('delivers each notification with its cursor, skips what polling already saw and ignores other events', async () => {
    const p = provider();
    for (const n of [comment, direct, mention]) expect(checkResponse('GET', '/api/v1/notifications', 200, [n])).toBeNull();
    const raw = `:thump\n\n${sse(comment)}event: delete\ndata: 123\n\n${sse(direct)}${sse(mention)}`;
    server!.expect({ method: 'GET', path: '/api/v1/streaming/user/notification', status: 200, raw, headers: { 'content-type': 'text/event-stream' } });
    const batches: InboundBatch[] = [];
    await requireCapability(p, 'inbound').streamInbound!(ctx, '501', async (b) => void batches.push(b));
    expect(batches.map((b) => [b.cursor, b.items.map((i) => i.kind)])).toEqual([['502', ['dm']], ['503', ['mention']]]);
    expect(server!.requests[0]!.headers.authorization).toBe(`Bearer ${token.access_token}`);
  });

  it('fails with the taxonomy when the stream is refused', async () => {
    const p = provider();
    server!.expect({ method: 'GET', path: '/api/v1/streaming/user/notification', status: 401, body: errors.unauthorized });
    const e = await requireCapability(p, 'inbound').streamInbound!(ctx, null, async () => undefined).catch((x: unknown) => x);
    expect((e as ProviderError).kind).toBe('reauth');
  });
});

describe('mastodon engage', () => {
  it('likes (favourite) and boosts (reblog) a status', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/statuses/114000000000000201/favourite', status: 200, body: byAuthor(anna, '114000000000000201', { favourited: true }) });
    server!.expect({ method: 'POST', path: '/api/v1/statuses/114000000000000201/reblog', status: 200, body: byAuthor(anna, '114000000000000201', { reblogged: true }) });
    const engage = requireCapability(p, 'engage');
    await engage.like(ctx, { id: '114000000000000201' });
    await engage.boost(ctx, { id: '114000000000000201' });
    expect(server!.requests.map((r) => r.path)).toEqual(['/api/v1/statuses/114000000000000201/favourite', '/api/v1/statuses/114000000000000201/reblog']);
    await expect(engage.like(ctx, { id: 'at://x' })).rejects.toMatchObject({ kind: 'invalid' });
  });
});
