/**
 * Bluesky sessions: one agent per account and process, resumed and refreshed single-flight. Every
 * resume rotates the refresh token, so the new session is handed to the caller to persist.
 */
import { AtpAgent, type AtpSessionData, type AtpSessionEvent } from '@atproto/api';
import type { CallContext } from '../contract.ts';
import type { FetchLike } from '../net/ssrf-guard.ts';
import { mapAtprotoError } from './bluesky.errors.ts';

export type BlueskyCredentials = {
  /** PDS (or entryway) URL the account logged in at. */
  serviceUrl: string;
  session: AtpSessionData;
  /** Optional app password: lets the provider log in again when the refresh token has expired. */
  appPassword?: string;
};

type Listener = NonNullable<CallContext<BlueskyCredentials>['onCredentialsUpdate']>;

export class BlueskySessions {
  private readonly agents = new Map<string, AtpAgent>();
  private readonly pending = new Map<string, Promise<AtpAgent>>();
  private readonly latest = new Map<string, BlueskyCredentials>();
  private readonly listeners = new Map<string, Listener>();
  private readonly fetch: FetchLike;
  private readonly now: () => Date;

  constructor(fetch: FetchLike, now: () => Date) {
    this.fetch = fetch;
    this.now = now;
  }

  /** A logged-in agent (without a session: for login only). */
  newAgent(serviceUrl: string, onEvent?: (evt: AtpSessionEvent, session: AtpSessionData | undefined) => void): AtpAgent {
    return new AtpAgent({ service: serviceUrl, fetch: this.fetch, persistSession: onEvent });
  }

  private key(c: BlueskyCredentials): string {
    return `${c.serviceUrl}|${c.session.did}`;
  }

  /** The account's agent, resuming the stored session once even under concurrent calls. */
  async agent(ctx: CallContext<BlueskyCredentials>): Promise<AtpAgent> {
    const k = this.key(ctx.credentials);
    if (ctx.onCredentialsUpdate) this.listeners.set(k, ctx.onCredentialsUpdate);
    const cached = this.agents.get(k);
    if (cached?.hasSession) return cached;
    let p = this.pending.get(k);
    if (!p) {
      p = this.resume(k, ctx.credentials).finally(() => this.pending.delete(k));
      this.pending.set(k, p);
    }
    return p;
  }

  /** Forces a refresh (single-flight per account) and returns the new credentials. */
  async refresh(ctx: CallContext<BlueskyCredentials>): Promise<BlueskyCredentials> {
    const k = this.key(ctx.credentials);
    const cached = this.agents.get(k);
    if (!cached?.hasSession) {
      await this.agent(ctx); // resuming *is* a refresh
    } else {
      try {
        await cached.sessionManager.refreshSession();
      } catch (e) {
        this.agents.delete(k);
        throw mapAtprotoError(e, this.now(), 'session refresh');
      }
    }
    return this.latest.get(k) ?? ctx.credentials;
  }

  /** Forgets the cached agent (e.g. after `reauth`) so the next call resumes from stored credentials. */
  forget(c: BlueskyCredentials): void {
    this.agents.delete(this.key(c));
  }

  private async resume(k: string, creds: BlueskyCredentials): Promise<AtpAgent> {
    this.latest.set(k, creds);
    const agent = this.newAgent(creds.serviceUrl, (evt, session) => this.onSessionEvent(k, evt, session));
    try {
      await agent.resumeSession(creds.session);
    } catch (e) {
      const mapped = mapAtprotoError(e, this.now(), 'session resume');
      if (mapped.kind !== 'reauth' || !creds.appPassword) throw mapped;
      try {
        await agent.login({ identifier: creds.session.did, password: creds.appPassword });
      } catch (e2) {
        throw mapAtprotoError(e2, this.now(), 'login');
      }
    }
    this.agents.set(k, agent);
    return agent;
  }

  private onSessionEvent(k: string, evt: AtpSessionEvent, session: AtpSessionData | undefined): void {
    if ((evt === 'create' || evt === 'update') && session) {
      const prev = this.latest.get(k);
      if (!prev) return;
      const next: BlueskyCredentials = { ...prev, session };
      this.latest.set(k, next);
      // Persisting is the caller's job; a failure there must not break the network call in flight.
      void Promise.resolve(this.listeners.get(k)?.(next)).catch(() => {});
    } else if (evt === 'expired') {
      this.agents.delete(k);
    }
  }
}
