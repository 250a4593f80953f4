/**
 * Mastodon metrics: favourites, boosts and replies per status, several statuses per request where
 * the instance supports it (`GET /api/v1/statuses?id[]=…`, Mastodon 4.3+; older instances answer
 * 404 and are read one status at a time), and the account's follower and post counts
 * (`verify_credentials`).
 */
import type { AccountMetrics, CallContext, MetricsCapability, PostMetrics, PostRef } from '../contract.ts';
import { isProviderError } from '../errors.ts';
import { mastodonRequest, type MastodonHttpDeps } from './mastodon.http.ts';
import type { MastodonCredentials } from './mastodon.oauth.ts';

interface StatusCounts {
  id: string;
  favourites_count: number;
  reblogs_count: number;
  replies_count: number;
  quotes_count?: number;
}

interface AccountCounts {
  followers_count: number;
  following_count: number;
  statuses_count: number;
}

/** The documented maximum of ids per `GET /api/v1/statuses`. */
const BATCH = 20;

export function createMastodonMetrics(http: MastodonHttpDeps): MetricsCapability<MastodonCredentials> {
  const counts = (s: StatusCounts): PostMetrics => ({ likes: s.favourites_count, reposts: s.reblogs_count, replies: s.replies_count, quotes: s.quotes_count, fetchedAt: http.now() });
  const get = <T>(ctx: CallContext<MastodonCredentials>, path: string) =>
    mastodonRequest<T>(http, { method: 'GET', baseUrl: ctx.credentials.instanceUrl, path, token: ctx.credentials.accessToken, signal: ctx.signal });

  const readOne = async (ctx: CallContext<MastodonCredentials>, ref: PostRef) => counts((await get<StatusCounts>(ctx, `/api/v1/statuses/${encodeURIComponent(ref.id)}`)).body);

  return {
    readMetrics: readOne,
    async readManyMetrics(ctx, refs) {
      const out = new Map<string, PostMetrics>();
      let batched = true;
      for (let i = 0; i < refs.length; i += BATCH) {
        const chunk = refs.slice(i, i + BATCH);
        if (batched) {
          try {
            const query = chunk.map((r) => `id[]=${encodeURIComponent(r.id)}`).join('&');
            for (const s of (await get<StatusCounts[]>(ctx, `/api/v1/statuses?${query}`)).body) out.set(s.id, counts(s));
            continue;
          } catch (e) {
            if (!(isProviderError(e) && e.status === 404)) throw e;
            batched = false; // an instance before 4.3: read one by one from here on
          }
        }
        for (const r of chunk) {
          try {
            out.set(r.id, await readOne(ctx, r));
          } catch (e) {
            if (!(isProviderError(e) && e.status === 404)) throw e; // deleted: no longer counted
          }
        }
      }
      return out;
    },
    async readAccountMetrics(ctx): Promise<AccountMetrics> {
      const a = (await get<AccountCounts>(ctx, '/api/v1/accounts/verify_credentials')).body;
      return { followers: a.followers_count, following: a.following_count, posts: a.statuses_count, fetchedAt: http.now() };
    },
  };
}
