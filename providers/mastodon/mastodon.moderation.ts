/**
 * Mastodon moderation of other people's content: block (and unblock) and mute the account from our account,
 * report it to the instance's moderators (forwarded to a remote author's instance). Mastodon has no
 * way to hide or delete someone else's reply to our post — that happens in Resonanz only (the
 * server records it as such and the UI says so). Blocking, unblocking or muting twice returns the same
 * relationship: idempotent.
 */
import type { ChannelAccount, ModerateCapability, ReportInput } from '../contract.ts';
import { mastodonRequest, type MastodonHttpDeps } from './mastodon.http.ts';
import type { MastodonCredentials } from './mastodon.provider.ts';

interface Relationship { id: string; blocking: boolean; muting: boolean }
interface Report { id: string }

/** Our categories → Mastodon's. `violation` of *instance* rules needs their rule ids, which we do not know: sent as `other`. */
const CATEGORY = { spam: 'spam', legal: 'legal', violation: 'other', other: 'other' } as const;

export function createMastodonModeration(http: MastodonHttpDeps): ModerateCapability<MastodonCredentials> {
  const relation = (action: 'block' | 'unblock' | 'mute') => async (ctx: { credentials: MastodonCredentials; signal?: AbortSignal }, account: ChannelAccount) => {
    await mastodonRequest<Relationship>(http, {
      method: 'POST', baseUrl: ctx.credentials.instanceUrl, path: `/api/v1/accounts/${encodeURIComponent(account.id)}/${action}`,
      token: ctx.credentials.accessToken, ...(action === 'mute' ? { json: { notifications: true } } : {}), signal: ctx.signal,
    });
  };
  return {
    operations: ['block', 'unblock', 'mute', 'report'],
    blockAuthor: relation('block'),
    unblockAuthor: relation('unblock'),
    muteAuthor: relation('mute'),
    async report(ctx, input: ReportInput) {
      const res = await mastodonRequest<Report>(http, {
        method: 'POST', baseUrl: ctx.credentials.instanceUrl, path: '/api/v1/reports', token: ctx.credentials.accessToken, signal: ctx.signal,
        json: { account_id: input.account.id, status_ids: input.refs.map((r) => r.id), comment: input.comment.slice(0, 1000), category: CATEGORY[input.category], forward: true },
      });
      return { reportId: res.body.id };
    },
  };
}
