/**
 * Channels: create, connect (Bluesky app password, Mastodon OAuth with a state check), pause.
 * Credentials are sealed (AES-256-GCM) before they touch the database and never leave the server;
 * passwords are passed to the provider and forgotten.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { ConnectResult, OAuthConnect, PasswordConnect, PendingAuthorization } from '../../../providers/contract.ts';
import { isProviderError } from '../../../providers/errors.ts';
import { sha256 } from '../../crypto/secrets.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { publishingDeps } from './provider-resolver.ts';
import { channels, oauthAttempts } from './publishing.schema.ts';

export type ChannelRow = typeof channels.$inferSelect;
const OAUTH_TTL_MS = 15 * 60_000;

export const presentChannel = (c: ChannelRow) => ({
  id: c.id, network: c.network as 'mastodon' | 'bluesky', name: c.name, accountHandle: c.accountHandle, serviceUrl: c.serviceUrl,
  status: c.status as 'not_connected' | 'connected' | 'needs_reauth', statusReason: c.statusReason, paused: c.paused,
  maxConcurrency: c.maxConcurrency, limits: c.limits ?? null, defaultSlots: c.defaultSlots as { weekday: number; time: string }[],
});

export async function loadChannel(ctx: AppContext, workspaceId: string, channelId: string): Promise<ChannelRow> {
  const [c] = await ctx.database.db.select().from(channels).where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!c) throw notFound('channel');
  return c;
}

/** Maps a provider failure during connect into a 4xx the user can act on. */
function connectError(e: unknown, path: string): HttpError {
  if (!isProviderError(e)) return unprocessable('connect_failed', 'Connecting failed.', [{ path, message: String((e as Error)?.message ?? e) }]);
  if (e.kind === 'retry' || e.kind === 'unknown_outcome') return unprocessable('instance_unreachable', `The server could not be reached: ${e.message}`, [{ path, message: 'unreachable' }]);
  if (e.kind === 'reauth') return unprocessable('credentials_rejected', 'The network rejected the credentials.', [{ path, message: e.networkMessage ?? e.message }]);
  if (e.kind === 'rate_limited') return new HttpError(429, 'too_many_requests', 'The network asks us to slow down; try again later.');
  return unprocessable('connect_rejected', e.networkMessage ?? e.message, [{ path, message: e.networkMessage ?? e.message }]);
}

async function storeConnection(ctx: AppContext, actor: Actor, ch: ChannelRow, r: ConnectResult, serviceUrl: string | null): Promise<ChannelRow> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [after] = await tx.update(channels).set({
      status: 'connected', statusReason: null, accountHandle: r.account.handle, accountId: r.account.id, serviceUrl,
      credentialsSealed: ctx.secrets.seal(JSON.stringify(r.credentials)), limits: r.limits, updatedAt: now,
    }).where(eq(channels.id, ch.id)).returning();
    await recordAudit(tx, actor, { workspaceId: ch.workspaceId, action: 'channel.connected', objectType: 'channel', objectId: ch.id, before: { status: ch.status }, after: { status: 'connected', accountHandle: r.account.handle } }, now);
    return after!;
  });
}

export async function connectWithPassword(ctx: AppContext, actor: Actor, ch: ChannelRow, input: { identifier: string; password: string; serviceUrl?: string }): Promise<ChannelRow> {
  const provider = publishingDeps(ctx).providers(ch.network);
  if (!provider || provider.connect.flow !== 'password') throw unprocessable('wrong_connect_flow', `${ch.network} does not connect with a password.`);
  let r: ConnectResult;
  try {
    r = await (provider.connect as PasswordConnect).login({ identifier: input.identifier, password: input.password, serviceUrl: input.serviceUrl ?? ch.serviceUrl ?? undefined });
  } catch (e) {
    throw connectError(e, 'body.serviceUrl');
  }
  return storeConnection(ctx, actor, ch, r, input.serviceUrl ?? ch.serviceUrl);
}

export async function startOAuth(ctx: AppContext, actor: Actor, ch: ChannelRow, instanceUrl: string): Promise<string> {
  const provider = publishingDeps(ctx).providers(ch.network);
  if (!provider || provider.connect.flow !== 'oauth') throw unprocessable('wrong_connect_flow', `${ch.network} does not connect with OAuth.`);
  const redirectUri = `${ctx.config.publicUrl}/api/v1/workspaces/${ch.workspaceId}/channels/oauth/callback`;
  let started: { authorizeUrl: string; pending: PendingAuthorization };
  try {
    started = await (provider.connect as OAuthConnect).startAuthorization({ instanceUrl, redirectUri, appName: 'Resonanz', appWebsite: ctx.config.publicUrl });
  } catch (e) {
    throw connectError(e, 'body.instanceUrl');
  }
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(oauthAttempts).where(lt(oauthAttempts.expiresAt, now));
    await tx.insert(oauthAttempts).values({
      workspaceId: ch.workspaceId, channelId: ch.id, stateHash: sha256(started.pending.state), pendingSealed: ctx.secrets.seal(JSON.stringify(started.pending)),
      createdBy: actor.userId, expiresAt: new Date(now.getTime() + OAUTH_TTL_MS),
    });
    await recordAudit(tx, actor, { workspaceId: ch.workspaceId, action: 'channel.oauth_started', objectType: 'channel', objectId: ch.id, after: { instanceUrl: started.pending.instanceUrl } }, now);
  });
  return started.authorizeUrl;
}

/** The OAuth callback: the state must match an attempt of this workspace that has not expired. */
export async function completeOAuth(ctx: AppContext, actor: Actor, workspaceId: string, q: { code?: string; state?: string; error?: string }): Promise<ChannelRow> {
  if (q.error) throw unprocessable('oauth_denied', `The instance did not authorise the connection: ${q.error}`);
  if (!q.state || !q.code) throw unprocessable('oauth_state_invalid', 'The callback lacks code or state.', [{ path: 'query.state', message: 'required' }]);
  const now = ctx.clock.now();
  const [attempt] = await ctx.database.db.delete(oauthAttempts).where(and(eq(oauthAttempts.stateHash, sha256(q.state)), eq(oauthAttempts.workspaceId, workspaceId))).returning();
  if (!attempt || attempt.expiresAt < now || attempt.createdBy !== actor.userId) {
    throw unprocessable('oauth_state_invalid', 'This connection attempt is unknown or expired. Start connecting again.', [{ path: 'query.state', message: 'unknown or expired' }]);
  }
  const ch = await loadChannel(ctx, workspaceId, attempt.channelId);
  const provider = publishingDeps(ctx).providers(ch.network)!;
  const pending = JSON.parse(ctx.secrets.open(attempt.pendingSealed)) as PendingAuthorization;
  let r: ConnectResult;
  try {
    r = await (provider.connect as OAuthConnect).completeAuthorization(pending, { code: q.code, state: q.state });
  } catch (e) {
    throw connectError(e, 'query.code');
  }
  return storeConnection(ctx, actor, ch, r, pending.instanceUrl);
}
