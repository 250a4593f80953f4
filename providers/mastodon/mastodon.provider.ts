/**
 * Mastodon provider (any instance): connect via OAuth + PKCE, publish/delete statuses with media,
 * read metrics, reply.
 */
import { createHash } from 'node:crypto';
import type {
  CallContext, MediaItem, PostRef, Provider, ProviderDeps, ProviderDescriptor, PublishRequest, PublishResult,
} from '../contract.ts';
import { ProviderError, isProviderError } from '../errors.ts';
import { createFetch, createRequest, requestOverFetch } from '../net/ssrf-guard.ts';
import { validatePublishRequest } from '../validate-request.ts';
import { NETWORK, mastodonRequest, type MastodonHttpDeps } from './mastodon.http.ts';
import { createMastodonInbound } from './mastodon.inbound.ts';
import { createMastodonMetrics } from './mastodon.metrics.ts';
import { createMastodonModeration } from './mastodon.moderation.ts';
import { MASTODON_DEFAULT_LIMITS } from './mastodon.limits.ts';
import { createMastodonConnect, type MastodonCredentials } from './mastodon.oauth.ts';

export type { MastodonCredentials } from './mastodon.oauth.ts';

/** Mastodon keeps Idempotency-Key results for one hour (Redis TTL in StatusesController). */
export const MASTODON_IDEMPOTENCY_WINDOW_MS = 60 * 60 * 1000;

export const mastodonDescriptor: ProviderDescriptor = {
  id: NETWORK,
  displayName: 'Mastodon',
  connectFlow: 'oauth',
  capabilities: ['connect', 'publish', 'delete', 'metrics', 'reply', 'inbound', 'engage', 'moderate'],
  defaultLimits: MASTODON_DEFAULT_LIMITS,
  idempotency: { kind: 'idempotency_key', windowMs: MASTODON_IDEMPOTENCY_WINDOW_MS },
};

/** Stable per target, opaque to the instance (target ids are internal). */
export function mastodonIdempotencyKey(targetId: string): string {
  return `resonanz-${createHash('sha256').update(`publish:${targetId}`).digest('base64url').slice(0, 32)}`;
}

interface MediaResponse { id: string; url: string | null }
interface StatusResponse {
  id: string;
  url?: string | null;
  uri: string;
  created_at: string;
  favourites_count: number;
  reblogs_count: number;
  replies_count: number;
  quotes_count?: number;
}

const MEDIA_POLL_ATTEMPTS = 10;
const MEDIA_POLL_DELAY_MS = 1000;

export function createMastodonProvider(deps: ProviderDeps = {}): Provider<MastodonCredentials> {
  const http: MastodonHttpDeps = {
    fetch: deps.fetch ?? createFetch({ allowPrivateNetwork: deps.allowPrivateNetwork, dispatcher: deps.dispatcher }),
    // An injected fetch carries every call (tests); else undici's lighter `request` on the same pool.
    request: deps.fetch ? requestOverFetch(deps.fetch) : createRequest({ allowPrivateNetwork: deps.allowPrivateNetwork, dispatcher: deps.dispatcher }),
    now: deps.now ?? (() => new Date()),
    timeoutMs: deps.timeoutMs ?? 30_000,
    userAgent: deps.userAgent ?? 'Resonanz (+https://github.com/resonanz)',
  };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  const uploadMedia = async (ctx: CallContext<MastodonCredentials>, item: MediaItem): Promise<string> => {
    const { instanceUrl, accessToken } = ctx.credentials;
    const form = new FormData();
    const ext = item.mimeType.split('/')[1] ?? 'bin';
    form.append('file', new Blob([item.data as Uint8Array<ArrayBuffer>], { type: item.mimeType }), item.filename ?? `upload.${ext}`);
    if (item.altText) form.append('description', item.altText);
    const res = await mastodonRequest<MediaResponse>(http, {
      method: 'POST', baseUrl: instanceUrl, path: '/api/v2/media', token: accessToken, form, signal: ctx.signal,
    });
    if (res.status === 200 && res.body.url) return res.body.id;
    // 202: processed asynchronously (large images, video); attaching before it is ready fails with 422.
    for (let i = 0; i < MEDIA_POLL_ATTEMPTS; i++) {
      await sleep(MEDIA_POLL_DELAY_MS);
      const poll = await mastodonRequest<MediaResponse>(http, {
        method: 'GET', baseUrl: instanceUrl, path: `/api/v1/media/${encodeURIComponent(res.body.id)}`, token: accessToken, signal: ctx.signal,
      });
      if (poll.status === 200 && poll.body.url) return poll.body.id;
    }
    throw new ProviderError({ kind: 'retry', network: NETWORK, message: 'Mastodon is still processing the media', retryAfterMs: 60_000 });
  };

  const publish = async (ctx: CallContext<MastodonCredentials>, req: PublishRequest): Promise<PublishResult> => {
    const limits = ctx.credentials.limits ?? MASTODON_DEFAULT_LIMITS;
    validatePublishRequest(NETWORK, limits, req);
    const mediaIds: string[] = [];
    for (const item of req.media ?? []) mediaIds.push(await uploadMedia(ctx, item));
    const body: Record<string, unknown> = { status: req.text, visibility: req.visibility ?? 'public' };
    if (mediaIds.length > 0) body.media_ids = mediaIds;
    if (req.contentWarning) {
      body.spoiler_text = req.contentWarning;
      body.sensitive = true;
    }
    if (req.languages?.[0]) body.language = req.languages[0];
    if (req.replyTo) body.in_reply_to_id = req.replyTo.id;
    if (req.poll) body.poll = { options: req.poll.options, expires_in: req.poll.expiresInS, multiple: req.poll.multiple ?? false };
    const res = await mastodonRequest<StatusResponse>(http, {
      method: 'POST',
      baseUrl: ctx.credentials.instanceUrl,
      path: '/api/v1/statuses',
      token: ctx.credentials.accessToken,
      json: body,
      headers: { 'idempotency-key': mastodonIdempotencyKey(req.targetId) },
      outcomeSensitive: true,
      signal: ctx.signal,
    });
    const ref: PostRef = { id: res.body.id, url: res.body.url ?? res.body.uri };
    if (req.replyTo) ref.root = req.replyTo.root ?? { id: req.replyTo.id };
    return { ref, publishedAt: new Date(res.body.created_at) };
  };

  return {
    descriptor: mastodonDescriptor,
    connect: createMastodonConnect(http, deps.allowPrivateNetwork ?? false),
    publish: {
      publish,
      // Mastodon cannot be asked "does a status for this key exist?". Within the idempotency window the
      // scheduler may re-send (the instance returns the original status); after it a human must check.
      async reconcile() {
        return { status: 'unknown', reason: 'Mastodon offers no lookup by idempotency key; re-sending is safe only within one hour' };
      },
    },
    delete: {
      async delete(ctx, ref) {
        try {
          await mastodonRequest(http, {
            method: 'DELETE', baseUrl: ctx.credentials.instanceUrl, path: `/api/v1/statuses/${encodeURIComponent(ref.id)}`,
            token: ctx.credentials.accessToken, signal: ctx.signal,
          });
        } catch (e) {
          if (isProviderError(e) && e.status === 404) return; // already gone: deleting is idempotent
          throw e;
        }
      },
    },
    metrics: createMastodonMetrics(http),
    reply: {
      reply: (ctx, to, req) => publish(ctx, { ...req, replyTo: to }),
    },
    ...inboundAndEngage(createMastodonInbound(http)),
    moderate: createMastodonModeration(http),
  };
}

function inboundAndEngage(m: ReturnType<typeof createMastodonInbound>): Pick<Provider<MastodonCredentials>, 'inbound' | 'engage'> {
  return { inbound: { readInbound: m.readInbound, streamInbound: m.streamInbound }, engage: { like: m.like, boost: m.boost } };
}
