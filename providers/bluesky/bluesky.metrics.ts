/**
 * Bluesky metrics from the AppView, asked through the account's PDS (which proxies `app.bsky.*`
 * to its AppView): likes, reposts, replies and quotes per post (`app.bsky.feed.getPosts`, 25 URIs
 * per call) and the profile's follower, follow and post counts (`app.bsky.actor.getProfile`).
 * A PDS without an AppView cannot count followers; it answers 502 and the caller gets a `retry`
 * error naming the AppView.
 */
import type { AtpAgent } from '@atproto/api';
import type { AccountMetrics, CallContext, MetricsCapability, PostMetrics } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { NETWORK } from './bluesky.errors.ts';
import type { BlueskyCredentials } from './bluesky.session.ts';

type WithAgent = <T>(ctx: CallContext<BlueskyCredentials>, action: string, fn: (agent: AtpAgent, did: string) => Promise<T>) => Promise<T>;

/** `app.bsky.feed.getPosts` takes at most 25 URIs. */
const BATCH = 25;

export function createBlueskyMetrics(deps: { withAgent: WithAgent; now: () => Date }): MetricsCapability<BlueskyCredentials> {
  const { withAgent, now } = deps;
  const readManyMetrics = (ctx: CallContext<BlueskyCredentials>, refs: readonly { id: string }[]) => withAgent(ctx, 'metrics', async (agent) => {
    const out = new Map<string, PostMetrics>();
    for (let i = 0; i < refs.length; i += BATCH) {
      const res = await agent.app.bsky.feed.getPosts({ uris: refs.slice(i, i + BATCH).map((r) => r.id) });
      for (const p of res.data.posts) {
        out.set(p.uri, { likes: p.likeCount ?? 0, reposts: p.repostCount ?? 0, replies: p.replyCount ?? 0, quotes: p.quoteCount ?? 0, fetchedAt: now() });
      }
    }
    return out;
  });
  return {
    readManyMetrics,
    async readMetrics(ctx, ref) {
      const m = (await readManyMetrics(ctx, [ref])).get(ref.id);
      if (!m) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'The post does not exist (any more) on Bluesky', status: 404 });
      return m;
    },
    readAccountMetrics: (ctx) => withAgent(ctx, 'metrics', async (agent, did): Promise<AccountMetrics> => {
      const p = (await agent.app.bsky.actor.getProfile({ actor: did })).data;
      return { followers: p.followersCount ?? 0, following: p.followsCount ?? 0, posts: p.postsCount ?? 0, fetchedAt: now() };
    }),
  };
}
