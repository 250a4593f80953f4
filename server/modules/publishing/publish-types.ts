/**
 * Types shared by the publish path: the runner's dependencies, a claim (a target this worker owns
 * for one network call), what a network call produced, and what the job learns from it.
 */
import type { Secrets } from '../../crypto/secrets.ts';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import type { PauseGate } from './publish-gate.ts';
import type { ProviderResolver } from './provider-resolver.ts';
import type { channels, posts } from './publishing.schema.ts';
import type { TargetRow } from './target-transition.ts';

export interface RunnerDeps {
  database: Database;
  secrets: Secrets;
  clock: Clock;
  providers: ProviderResolver;
  /** How long a claim is trusted before the reconciler may take over (must exceed the provider timeout). */
  leaseMs: number;
  maxAttempts: number;
  log?: (msg: string, data?: object) => void;
  /** Media library root (default: the configured one). */
  mediaRoot?: string;
  /** Pause/rate-limit check right before each network call (default: a fresh read each time). */
  gate?: PauseGate;
}

export type RunOutcome =
  | { kind: 'published'; remoteId: string }
  | { kind: 'defer'; runAt: Date; reason: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; runAt: Date }
  | { kind: 'unknown_outcome' };

export type ChannelRow = typeof channels.$inferSelect;
export type PostRow = typeof posts.$inferSelect;

export interface Claim {
  /** The target as it is now: `publishing`, carrying `token`. */
  target: TargetRow;
  channel: ChannelRow;
  post: PostRow;
  token: string;
  /** Taken over from a crashed worker: the post may already be on the network. */
  reconciling?: boolean;
  /** Attempt count and first-send time before this claim (restored when the claim is given back unsent). */
  before: { attempts: number; firstSentAt: Date | null };
}

/** What happened to a claim; `settle` turns it into the target's next state. */
export type SendResult =
  /** `parts`: a thread of that many posts, all out (`remoteId`/`remoteUrl` are the first part's). */
  | { ok: true; remoteId: string; remoteUrl?: string; publishedAt: Date; parts?: number }
  | { ok: false; error: unknown }
  /**
   * Not sent: publishing was paused, or the channel rate-limited, after the claim. `partsSent`: a
   * thread stopped between parts — those parts are out (its progress is kept on the target).
   */
  | { release: 'paused'; partsSent?: number }
  | { release: 'blocked'; until: Date; partsSent?: number }
  /** The reconciler could not tell whether the post reached the network. */
  | { unconfirmed: string };
