/**
 * Bluesky (AT Protocol) provider: app-password login against any PDS, idempotent publishing via
 * deterministic record keys, delete, reply.
 */
import { AtUri, type AtpAgent } from '@atproto/api';
import type { CallContext, ChannelAccount, PostRef, Provider, ProviderDeps, ProviderDescriptor, ProviderLimits, PublishRequest, PublishResult, ReconcileResult } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { assertPublicServerUrl, createFetch } from '../net/ssrf-guard.ts';
import { validatePublishRequest } from '../validate-request.ts';
import { NETWORK, mapAtprotoError } from './bluesky.errors.ts';
import { createBlueskyInbound } from './bluesky.inbound.ts';
import { createBlueskyMetrics } from './bluesky.metrics.ts';
import { createBlueskyModeration } from './bluesky.moderation.ts';
import { POST_COLLECTION, buildPostRecord } from './bluesky.post.ts';
import { BlueskySessions, type BlueskyCredentials } from './bluesky.session.ts';
import { recordKeyForTarget } from './record-key.ts';

export type { BlueskyCredentials } from './bluesky.session.ts';

export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';

export const BLUESKY_LIMITS: ProviderLimits = {
  text: { maxLength: 300, counting: { kind: 'graphemes' } },
  media: {
    maxCount: 4,
    maxImageBytes: 1_000_000, // app.bsky.embed.images#image maxSize
    maxVideoBytes: 0,
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    altTextField: 'alt',
    altTextMaxLength: 2000, // the Bluesky app's limit; the lexicon sets none
  },
  threads: true,
  contentWarnings: false, // only fixed self-labels exist, no free-text warning
  maxLanguages: 3,
  visibilities: ['public'],
  linkCards: true,
  polls: null,
};

export const blueskyDescriptor: ProviderDescriptor = {
  id: NETWORK,
  displayName: 'Bluesky',
  connectFlow: 'password',
  capabilities: ['connect', 'publish', 'delete', 'reply', 'inbound', 'engage', 'moderate', 'metrics'],
  defaultLimits: BLUESKY_LIMITS,
  idempotency: { kind: 'deterministic_key' },
};

function account(did: string, handle: string): ChannelAccount {
  return { id: did, handle: `@${handle}`, url: `https://bsky.app/profile/${handle}` };
}

function isNotFound(e: unknown): boolean {
  const err = e as { error?: string; status?: number };
  return err?.error === 'RecordNotFound' || (err?.status === 400 && /could not locate record/i.test(String((e as Error).message)));
}

export function createBlueskyProvider(deps: ProviderDeps = {}): Provider<BlueskyCredentials> {
  const now = deps.now ?? (() => new Date());
  const allowPrivateNetwork = deps.allowPrivateNetwork ?? false;
  const sessions = new BlueskySessions(deps.fetch ?? createFetch({ allowPrivateNetwork }), now);

  /** Runs `fn` with the account's agent, mapping every failure into the taxonomy. */
  async function withAgent<T>(ctx: CallContext<BlueskyCredentials>, action: string, fn: (agent: AtpAgent, did: string) => Promise<T>): Promise<T> {
    const agent = await sessions.agent(ctx);
    try {
      return await fn(agent, ctx.credentials.session.did);
    } catch (e) {
      const mapped = mapAtprotoError(e, now(), action);
      if (mapped.kind === 'reauth') sessions.forget(ctx.credentials);
      throw mapped;
    }
  }

  async function existing(agent: AtpAgent, did: string, rkey: string): Promise<PostRef | null> {
    try {
      const res = await agent.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey });
      const reply = (res.data.value as { reply?: { root?: { uri: string; cid: string } } }).reply;
      return { id: res.data.uri, cid: res.data.cid, url: postUrl(did, rkey), ...(reply?.root ? { root: { id: reply.root.uri, cid: reply.root.cid } } : {}) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async function publish(ctx: CallContext<BlueskyCredentials>, req: PublishRequest): Promise<PublishResult> {
    validatePublishRequest(NETWORK, BLUESKY_LIMITS, req);
    const rkey = recordKeyForTarget(req.targetId);
    return withAgent(ctx, 'publish', async (agent, did) => {
      // A previous attempt may have succeeded before a crash: never upload and write twice.
      const found = await existing(agent, did, rkey);
      if (found) return { ref: found, publishedAt: now() };
      const createdAt = now();
      const record = await buildPostRecord(agent, req, createdAt);
      try {
        // swapRecord: null = create only if absent, atomically in the PDS; a concurrent duplicate fails.
        const res = await agent.com.atproto.repo.putRecord({ repo: did, collection: POST_COLLECTION, rkey, record, swapRecord: null, validate: true });
        const reply = record.reply as { root: { uri: string; cid: string } } | undefined;
        const ref: PostRef = { id: res.data.uri, cid: res.data.cid, url: postUrl(did, rkey) };
        if (reply) ref.root = { id: reply.root.uri, cid: reply.root.cid };
        return { ref, publishedAt: createdAt };
      } catch (e) {
        if ((e as { error?: string }).error === 'InvalidSwap') {
          const raced = await existing(agent, did, rkey);
          if (raced) return { ref: raced, publishedAt: now() };
        }
        throw e;
      }
    });
  }

  function postUrl(did: string, rkey: string): string {
    return `https://bsky.app/profile/${did}/post/${rkey}`;
  }

  return {
    descriptor: blueskyDescriptor,
    connect: {
      flow: 'password',
      async login({ identifier, password, serviceUrl }) {
        const origin = await assertPublicServerUrl(serviceUrl ?? BLUESKY_DEFAULT_SERVICE, { allowPrivateNetwork, network: NETWORK });
        const agent = sessions.newAgent(origin);
        try {
          await agent.login({ identifier: identifier.replace(/^@/, ''), password });
        } catch (e) {
          const mapped = mapAtprotoError(e, now(), 'login');
          // Wrong handle/app password is a 401 AuthenticationRequired: the user must correct it.
          throw mapped.kind === 'reauth' ? new ProviderError({ kind: 'invalid', network: NETWORK, message: 'Handle or app password is wrong', networkMessage: mapped.networkMessage, cause: e }) : mapped;
        }
        const session = agent.session!;
        return { credentials: { serviceUrl: origin, session, appPassword: password }, account: account(session.did, session.handle), limits: BLUESKY_LIMITS };
      },
      refresh: (ctx) => sessions.refresh(ctx),
      verify: (ctx) => withAgent(ctx, 'verify', async (agent) => {
        const res = await agent.com.atproto.server.getSession();
        return account(res.data.did, res.data.handle);
      }),
      readLimits: async () => BLUESKY_LIMITS,
    },
    publish: {
      publish,
      reconcile: (ctx, targetId): Promise<ReconcileResult> =>
        withAgent(ctx, 'reconcile', async (agent, did) => {
          const found = await existing(agent, did, recordKeyForTarget(targetId));
          return found ? { status: 'published', ref: found } : { status: 'absent' };
        }),
    },
    delete: {
      delete: (ctx, ref) =>
        withAgent(ctx, 'delete', async (agent, did) => {
          const uri = new AtUri(ref.id);
          if (uri.host !== did) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'Cannot delete a post of another account' });
          // deleteRecord of a missing record succeeds: deleting is idempotent.
          await agent.com.atproto.repo.deleteRecord({ repo: did, collection: uri.collection, rkey: uri.rkey });
        }),
    },
    reply: {
      reply: (ctx, to, req) => publish(ctx, { ...req, replyTo: to }),
    },
    ...inboundAndEngage(createBlueskyInbound({ withAgent, now, allowPrivateNetwork, ...(deps.inboundMaxPages ? { maxPages: deps.inboundMaxPages } : {}) })),
    moderate: createBlueskyModeration({ withAgent, now }),
    metrics: createBlueskyMetrics({ withAgent, now }),
  };
}

function inboundAndEngage(b: ReturnType<typeof createBlueskyInbound>): Pick<Provider<BlueskyCredentials>, 'inbound' | 'engage'> {
  return { inbound: { readInbound: b.readInbound, streamInbound: b.streamInbound }, engage: { like: b.like, boost: b.boost } };
}
