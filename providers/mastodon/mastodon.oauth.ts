/**
 * Mastodon connect flow: dynamic app registration, OAuth 2 authorization code with PKCE (S256),
 * token exchange, credential verification and instance limits.
 */
import type { ChannelAccount, ConnectResult, OAuthConnect, PendingAuthorization, ProviderLimits } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { assertPublicServerUrl } from '../net/ssrf-guard.ts';
import { codeChallengeS256, createCodeVerifier, createState, stateMatches } from '../oauth/pkce.ts';
import { NETWORK, mastodonRequest, type MastodonHttpDeps } from './mastodon.http.ts';
import { limitsFromInstance, type MastodonInstanceV2 } from './mastodon.limits.ts';

/** Least privilege: reading (account, metrics, mentions) plus writing statuses and media only. */
// write:favourites: liking from the inbox (reblog is covered by write:statuses).
export const MASTODON_SCOPES = 'read write:statuses write:media write:favourites';

export type MastodonCredentials = {
  instanceUrl: string;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  accountId: string;
  /** Instance limits read at connect time (refresh with `readLimits`). */
  limits?: ProviderLimits;
};

interface AppResponse { client_id: string; client_secret: string }
interface TokenResponse { access_token: string; scope: string; token_type: string }
interface AccountResponse { id: string; username: string; acct: string; display_name?: string; url?: string }

function toAccount(a: AccountResponse, instanceUrl: string): ChannelAccount {
  const host = new URL(instanceUrl).host;
  return { id: a.id, handle: `@${a.username}@${host}`, displayName: a.display_name || a.username, url: a.url };
}

export function createMastodonConnect(http: MastodonHttpDeps, allowPrivateNetwork: boolean): OAuthConnect<MastodonCredentials> {
  const verify = async (instanceUrl: string, token: string, signal?: AbortSignal): Promise<ChannelAccount> => {
    const res = await mastodonRequest<AccountResponse>(http, {
      method: 'GET', baseUrl: instanceUrl, path: '/api/v1/accounts/verify_credentials', token, signal,
    });
    return toAccount(res.body, instanceUrl);
  };
  const readLimits = async (instanceUrl: string, signal?: AbortSignal): Promise<ProviderLimits> => {
    const res = await mastodonRequest<MastodonInstanceV2>(http, { method: 'GET', baseUrl: instanceUrl, path: '/api/v2/instance', signal });
    return limitsFromInstance(res.body);
  };

  return {
    flow: 'oauth',

    async startAuthorization({ instanceUrl, redirectUri, appName, appWebsite }) {
      const origin = await assertPublicServerUrl(instanceUrl, { allowPrivateNetwork, network: NETWORK });
      const app = await mastodonRequest<AppResponse>(http, {
        method: 'POST',
        baseUrl: origin,
        path: '/api/v1/apps',
        json: { client_name: appName, redirect_uris: [redirectUri], scopes: MASTODON_SCOPES, ...(appWebsite ? { website: appWebsite } : {}) },
      });
      const codeVerifier = createCodeVerifier();
      const state = createState();
      const url = new URL('/oauth/authorize', origin);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: app.body.client_id,
        redirect_uri: redirectUri,
        scope: MASTODON_SCOPES,
        state,
        code_challenge: codeChallengeS256(codeVerifier),
        code_challenge_method: 'S256',
      }).toString();
      const pending: PendingAuthorization = {
        instanceUrl: origin, redirectUri, clientId: app.body.client_id, clientSecret: app.body.client_secret,
        codeVerifier, state, scopes: MASTODON_SCOPES,
      };
      return { authorizeUrl: url.toString(), pending };
    },

    async completeAuthorization(pending, callback): Promise<ConnectResult<MastodonCredentials>> {
      if (!callback.state || !stateMatches(pending.state, callback.state)) {
        throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'OAuth state mismatch: the callback does not belong to this connection attempt' });
      }
      if (!callback.code) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'OAuth callback without code' });
      const token = await mastodonRequest<TokenResponse>(http, {
        method: 'POST',
        baseUrl: pending.instanceUrl,
        path: '/oauth/token',
        json: {
          grant_type: 'authorization_code',
          code: callback.code,
          client_id: pending.clientId,
          client_secret: pending.clientSecret,
          redirect_uri: pending.redirectUri,
          code_verifier: pending.codeVerifier,
          scope: pending.scopes,
        },
      });
      const account = await verify(pending.instanceUrl, token.body.access_token);
      const limits = await readLimits(pending.instanceUrl);
      return {
        account,
        limits,
        credentials: {
          instanceUrl: pending.instanceUrl, accessToken: token.body.access_token, clientId: pending.clientId,
          clientSecret: pending.clientSecret, scope: token.body.scope, accountId: account.id, limits,
        },
      };
    },

    verify: (ctx) => verify(ctx.credentials.instanceUrl, ctx.credentials.accessToken, ctx.signal),
    readLimits: (ctx) => readLimits(ctx.credentials.instanceUrl, ctx.signal),
  };
}
