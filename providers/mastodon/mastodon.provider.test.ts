import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext, PublishRequest } from '../contract.ts';
import { requireCapability } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { createMastodonProvider, mastodonIdempotencyKey, type MastodonCredentials } from './mastodon.provider.ts';
import { RecordedInstance } from './test/recorded-instance.ts';
import { INSTANCE, credentialAccount, credentialApplication, errors, instanceV2, mediaAttachment, status, token } from './test/recordings.ts';
import { limitsFromInstance } from './mastodon.limits.ts';

const NOW = new Date('2025-05-05T08:00:00.000Z');
let server: RecordedInstance | undefined;

function provider(timeoutMs = 5_000) {
  server = new RecordedInstance(INSTANCE);
  return createMastodonProvider({ dispatcher: server.agent, now: () => NOW, allowPrivateNetwork: true, timeoutMs, sleep: async () => {} });
}

const ctx: CallContext<MastodonCredentials> = {
  credentials: {
    instanceUrl: INSTANCE, accessToken: token.access_token, clientId: 'c', clientSecret: 's', scope: token.scope,
    accountId: credentialAccount.id, limits: limitsFromInstance(instanceV2),
  },
};

const post: PublishRequest = { targetId: 'target-42', text: 'Heute ab 10 Uhr: Tag der offenen Tür! https://example.de/tag', languages: ['de'] };

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

afterEach(async () => {
  await server?.verify();
  server = undefined;
});

describe('mastodon connect (OAuth + PKCE)', () => {
  it('registers the app, builds an S256 authorize URL and exchanges the code', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/apps', status: 200, body: credentialApplication });
    const connect = requireCapability(p, 'connect');
    if (connect.flow !== 'oauth') throw new Error('expected oauth');
    const { authorizeUrl, pending } = await connect.startAuthorization({
      instanceUrl: `${INSTANCE}/`, redirectUri: credentialApplication.redirect_uri, appName: 'Resonanz',
    });
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${INSTANCE}/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe(credentialApplication.client_id);
    expect(url.searchParams.get('state')).toBe(pending.state);
    const { createHash } = await import('node:crypto');
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(pending.codeVerifier).digest('base64url'));

    server!
      .expect({ method: 'POST', path: '/oauth/token', status: 200, body: token })
      .expect({ method: 'GET', path: '/api/v1/accounts/verify_credentials', status: 200, body: credentialAccount })
      .expect({ method: 'GET', path: '/api/v2/instance', status: 200, body: instanceV2 });
    const result = await connect.completeAuthorization(pending, { code: 'auth-code', state: pending.state });
    expect(result.credentials.accessToken).toBe(token.access_token);
    expect(result.account.handle).toBe('@redaktion@social.example.de');
    expect(result.limits.text.maxLength).toBe(1000);
    expect(result.limits.media.mimeTypes).not.toContain('audio/mpeg');
    const tokenRequest = server!.requests.find((r) => r.path === '/oauth/token')!.json as Record<string, string>;
    expect(tokenRequest.code_verifier).toBe(pending.codeVerifier);
    expect(tokenRequest.grant_type).toBe('authorization_code');
  });

  it('rejects a callback whose state does not match, without calling the instance', async () => {
    const p = provider();
    if (p.connect.flow !== 'oauth') throw new Error('expected oauth');
    const pending = { instanceUrl: INSTANCE, redirectUri: 'https://r/cb', clientId: 'c', clientSecret: 's', codeVerifier: 'v', state: 'expected', scopes: 'read' };
    const e = await rejection(p.connect.completeAuthorization(pending, { code: 'x', state: 'forged' }));
    expect(e.kind).toBe('invalid');
  });

  it('maps a revoked token on verify_credentials to reauth', async () => {
    const p = provider();
    server!.expect({ method: 'GET', path: '/api/v1/accounts/verify_credentials', status: 401, body: errors.unauthorized });
    const e = await rejection(p.connect.verify(ctx));
    expect(e.kind).toBe('reauth');
    expect(e.networkMessage).toBe('The access token was revoked');
  });
});

describe('mastodon publish', () => {
  it('uploads media with alt text, then creates the status with an idempotency key', async () => {
    const p = provider();
    server!
      .expect({ method: 'POST', path: '/api/v2/media', status: 200, body: mediaAttachment('501', 'Ein Luftbild des Rathauses') })
      .expect({ method: 'POST', path: '/api/v2/media', status: 202, body: mediaAttachment('502', 'Zweites Bild', false) })
      .expect({ method: 'GET', path: '/api/v1/media/502', status: 200, body: mediaAttachment('502', 'Zweites Bild') })
      .expect({ method: 'POST', path: '/api/v1/statuses', status: 200, body: status('9001', { in_reply_to_id: '8999' }) });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const result = await requireCapability(p, 'publish').publish(ctx, {
      ...post,
      contentWarning: 'Baustelle',
      visibility: 'unlisted',
      replyTo: { id: '8999' },
      media: [
        { data: png, mimeType: 'image/png', altText: 'Ein Luftbild des Rathauses' },
        { data: png, mimeType: 'image/png', altText: 'Zweites Bild' },
      ],
    });
    expect(result.ref).toMatchObject({ id: '9001', url: `${INSTANCE}/@redaktion/9001`, root: { id: '8999' } });
    expect(result.publishedAt.toISOString()).toBe('2025-05-05T08:00:00.000Z');
    const upload = server!.requests[0]!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload.body).toContain('name="description"');
    expect(upload.body).toContain('Ein Luftbild des Rathauses');
    const create = server!.requests.at(-1)!;
    expect(create.headers['idempotency-key']).toBe(mastodonIdempotencyKey('target-42'));
    expect(create.headers.authorization).toBe(`Bearer ${token.access_token}`);
    expect(create.json).toEqual({
      status: post.text, visibility: 'unlisted', media_ids: ['501', '502'], spoiler_text: 'Baustelle', sensitive: true,
      language: 'de', in_reply_to_id: '8999',
    });
  });

  it('sends polls', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/statuses', status: 200, body: status('9002') });
    await requireCapability(p, 'publish').publish(ctx, { ...post, poll: { options: ['Ja', 'Nein'], expiresInS: 86_400 } });
    expect(server!.requests[0]!.json).toMatchObject({ poll: { options: ['Ja', 'Nein'], expires_in: 86_400, multiple: false } });
  });

  it('derives the same idempotency key for the same target and different ones otherwise', () => {
    expect(mastodonIdempotencyKey('t-1')).toBe(mastodonIdempotencyKey('t-1'));
    expect(mastodonIdempotencyKey('t-1')).not.toBe(mastodonIdempotencyKey('t-2'));
  });

  it('maps 422 to invalid carrying the server message', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/statuses', status: 422, body: errors.validation });
    const e = await rejection(p.publish!.publish(ctx, post));
    expect(e.kind).toBe('invalid');
    expect(e.networkMessage).toBe('Validation failed: Text character limit of 1000 exceeded');
  });

  it('maps 429 with X-RateLimit-Reset to rate_limited, retrying after the reset', async () => {
    const p = provider();
    server!.expect({
      method: 'POST', path: '/api/v1/statuses', status: 429, body: errors.rateLimited,
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2025-05-05T08:05:00.000Z' },
    });
    const e = await rejection(p.publish!.publish(ctx, post));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(5 * 60 * 1000);
    expect(e.resetAt?.toISOString()).toBe('2025-05-05T08:05:00.000Z');
  });

  it('maps 5xx to retry honouring Retry-After', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/statuses', status: 503, body: errors.unavailable, headers: { 'retry-after': '120' } });
    const e = await rejection(p.publish!.publish(ctx, post));
    expect(e.kind).toBe('retry');
    expect(e.retryAfterMs).toBe(120_000);
  });

  it('maps a 401 during publishing to reauth', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/statuses', status: 401, body: errors.unauthorized });
    expect((await rejection(p.publish!.publish(ctx, post))).kind).toBe('reauth');
  });

  it('maps a refused connection to retry but a timeout after sending to unknown_outcome', async () => {
    const p = provider(50);
    const refused: NodeJS.ErrnoException = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    server!
      .expect({ method: 'POST', path: '/api/v1/statuses', status: 0, transportError: refused })
      .expect({ method: 'POST', path: '/api/v1/statuses', status: 200, body: status('9003'), delayMs: 300 });
    expect((await rejection(p.publish!.publish(ctx, post))).kind).toBe('retry');
    expect((await rejection(p.publish!.publish(ctx, post))).kind).toBe('unknown_outcome');
  });

  it('rejects content over the instance limits before uploading anything', async () => {
    const p = provider();
    const tooLong = await rejection(p.publish!.publish(ctx, { ...post, text: 'x'.repeat(1001) }));
    expect(tooLong.kind).toBe('invalid');
    const badType = await rejection(
      p.publish!.publish(ctx, { ...post, media: [{ data: new Uint8Array(1), mimeType: 'image/tiff', altText: 'a' }] }),
    );
    expect(badType.message).toMatch(/image\/tiff/);
    expect(server!.requests).toHaveLength(0);
  });

  it('reports the outcome of a crashed publish as unknown (no lookup by idempotency key)', async () => {
    const p = provider();
    expect(await p.publish!.reconcile(ctx, 'target-42')).toMatchObject({ status: 'unknown' });
    expect(p.descriptor.idempotency).toEqual({ kind: 'idempotency_key', windowMs: 3_600_000 });
  });
});

describe('mastodon delete, metrics, reply', () => {
  it('deletes a status and treats an already deleted one as success', async () => {
    const p = provider();
    server!
      .expect({ method: 'DELETE', path: '/api/v1/statuses/9001', status: 200, body: status('9001') })
      .expect({ method: 'DELETE', path: '/api/v1/statuses/9001', status: 404, body: { error: 'Record not found' } });
    await p.delete!.delete(ctx, { id: '9001' });
    await p.delete!.delete(ctx, { id: '9001' });
    expect(server!.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('reads likes, reposts and replies', async () => {
    const p = provider();
    server!.expect({ method: 'GET', path: '/api/v1/statuses/9001', status: 200, body: status('9001') });
    expect(await p.metrics!.readMetrics(ctx, { id: '9001' })).toMatchObject({ likes: 7, reposts: 3, replies: 2 });
  });

  it('replies in a thread via in_reply_to_id', async () => {
    const p = provider();
    server!.expect({ method: 'POST', path: '/api/v1/statuses', status: 200, body: status('9004') });
    await p.reply!.reply(ctx, { id: '9001' }, { targetId: 'reply-1', text: 'Danke!' });
    expect(server!.requests[0]!.json).toMatchObject({ in_reply_to_id: '9001', status: 'Danke!' });
  });

  it('fails loudly for capabilities it does not implement', () => {
    const p = provider();
    // Every capability is implemented now; a descriptor that does not declare one is refused all the same.
    const narrowed = { ...p, descriptor: { ...p.descriptor, capabilities: ['connect' as const] } };
    expect(() => requireCapability(narrowed, 'moderate')).toThrowError(/does not support "moderate"/);
  });
});
