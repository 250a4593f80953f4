/**
 * The provider contract: every social network is a pure network client split by capability.
 * Providers receive credentials/config objects and return results; persistence, encryption and
 * scheduling live in the server. Errors are always `ProviderError` (see errors.ts).
 */
import { ProviderError } from './errors.ts';
import type { Dispatcher } from 'undici';

export type Capability = 'connect' | 'publish' | 'delete' | 'metrics' | 'inbound' | 'reply' | 'moderate' | 'engage';

/** How the composer must count text for this network (see text-count.ts). */
export type TextCountingRule =
  | { kind: 'graphemes' }
  | { kind: 'mastodon'; charactersReservedPerUrl: number };

export interface TextLimits {
  maxLength: number;
  counting: TextCountingRule;
}

export interface MediaLimits {
  maxCount: number;
  /** Max bytes per image. */
  maxImageBytes: number;
  /** Max bytes per video; 0 when videos are not supported by this provider. */
  maxVideoBytes: number;
  mimeTypes: readonly string[];
  /** Name of the network's field carrying alt text (for messages and docs). */
  altTextField: string;
  altTextMaxLength: number;
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface ProviderLimits {
  text: TextLimits;
  media: MediaLimits;
  threads: boolean;
  contentWarnings: boolean;
  /** Max language tags per post (0: languages unsupported). */
  maxLanguages: number;
  visibilities: readonly Visibility[];
  linkCards: boolean;
  polls: { maxOptions: number; maxOptionLength: number; minExpirationS: number; maxExpirationS: number } | null;
}

/**
 * How a publish can be made safe to repeat:
 * - `deterministic_key`: the record key derives from the target id; `reconcile` tells whether it exists.
 * - `idempotency_key`: the network de-duplicates a repeated request only within `windowMs`; after that
 *   the outcome of a crashed publish is unknowable and must be confirmed by a human.
 */
export type PublishIdempotency = { kind: 'deterministic_key' } | { kind: 'idempotency_key'; windowMs: number };

export type ConnectFlow = 'oauth' | 'password';

export interface ProviderDescriptor {
  /** Stable id, also the folder name and registry key, e.g. `mastodon`. */
  id: string;
  displayName: string;
  connectFlow: ConnectFlow;
  capabilities: readonly Capability[];
  /** Defaults; instance-specific limits come from `ConnectResult.limits` / `readLimits`. */
  defaultLimits: ProviderLimits;
  idempotency: PublishIdempotency;
}

/** The account a channel is connected to. */
export interface ChannelAccount {
  id: string;
  handle: string;
  displayName?: string;
  url?: string;
}

/** Credentials are opaque, JSON-serialisable; the server encrypts and stores them per channel. */
export type Credentials = Record<string, unknown>;

/** Everything a capability call needs about one channel. */
export interface CallContext<C extends Credentials = Credentials> {
  credentials: C;
  /** Called when the provider refreshed the credentials (e.g. a new session); the caller must persist them. */
  onCredentialsUpdate?: (next: C) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface ConnectResult<C extends Credentials = Credentials> {
  credentials: C;
  account: ChannelAccount;
  limits: ProviderLimits;
}

/** State the server keeps between the redirect to the network and the OAuth callback. */
export interface PendingAuthorization {
  instanceUrl: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  codeVerifier: string;
  state: string;
  scopes: string;
}

export interface OAuthConnect<C extends Credentials = Credentials> {
  flow: 'oauth';
  /** Registers an app on the instance (if needed) and returns the URL to send the user to. */
  startAuthorization(input: { instanceUrl: string; redirectUri: string; appName: string; appWebsite?: string }): Promise<{
    authorizeUrl: string;
    pending: PendingAuthorization;
  }>;
  /** Exchanges the code from the callback. Rejects (`invalid`) when `state` does not match. */
  completeAuthorization(pending: PendingAuthorization, callback: { code: string; state: string }): Promise<ConnectResult<C>>;
  /** Re-checks stored credentials (e.g. before a scheduled post); `reauth` when revoked. */
  verify(ctx: CallContext<C>): Promise<ChannelAccount>;
  readLimits(ctx: CallContext<C>): Promise<ProviderLimits>;
}

export interface PasswordConnect<C extends Credentials = Credentials> {
  flow: 'password';
  /** `serviceUrl` is the PDS/instance for self-hosted servers. */
  login(input: { identifier: string; password: string; serviceUrl?: string }): Promise<ConnectResult<C>>;
  /** Refreshes the session (single-flight per account); the new credentials are also passed to `onCredentialsUpdate`. */
  refresh(ctx: CallContext<C>): Promise<C>;
  verify(ctx: CallContext<C>): Promise<ChannelAccount>;
  readLimits(ctx: CallContext<C>): Promise<ProviderLimits>;
}

export interface MediaItem {
  data: Uint8Array;
  mimeType: string;
  altText: string;
  filename?: string;
}

/** A published post. `id` is the network's id (Mastodon status id, Bluesky at:// URI). */
export interface PostRef {
  id: string;
  url?: string;
  /** Content hash for networks with strong references (Bluesky CID). */
  cid?: string;
  /** The first post of the thread this post belongs to (Bluesky needs it for replies). */
  root?: { id: string; cid?: string };
}

export interface LinkCard {
  url: string;
  title: string;
  description: string;
  thumbnail?: { data: Uint8Array; mimeType: string };
}

export interface PollInput {
  options: string[];
  expiresInS: number;
  multiple?: boolean;
}

export interface PublishRequest {
  /** Stable id of the publish target (post × channel); the idempotency key derives from it. */
  targetId: string;
  text: string;
  media?: MediaItem[];
  /** BCP 47 tags, e.g. `de`. */
  languages?: string[];
  contentWarning?: string;
  visibility?: Visibility;
  /** Parent post for threads and replies. */
  replyTo?: PostRef;
  /** Bluesky external embed; ignored by networks that build cards themselves. */
  linkCard?: LinkCard;
  poll?: PollInput;
}

export interface PublishResult {
  ref: PostRef;
  publishedAt: Date;
}

export type ReconcileResult =
  | { status: 'published'; ref: PostRef }
  | { status: 'absent' }
  | { status: 'unknown'; reason: string };

export interface PublishCapability<C extends Credentials = Credentials> {
  publish(ctx: CallContext<C>, req: PublishRequest): Promise<PublishResult>;
  /** After a crash during publishing: did the post for `targetId` reach the network? */
  reconcile(ctx: CallContext<C>, targetId: string): Promise<ReconcileResult>;
}

export interface DeleteCapability<C extends Credentials = Credentials> {
  /** Deleting an already deleted post succeeds (idempotent). */
  delete(ctx: CallContext<C>, ref: PostRef): Promise<void>;
}

export interface PostMetrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes?: number;
  fetchedAt: Date;
}

/** Counts of the connected account, as the network reports them now. */
export interface AccountMetrics {
  followers: number;
  following: number;
  /** Posts the account has published (the network's own count). */
  posts: number;
  fetchedAt: Date;
}

export interface MetricsCapability<C extends Credentials = Credentials> {
  readMetrics(ctx: CallContext<C>, ref: PostRef): Promise<PostMetrics>;
  /**
   * Several posts in as few calls as the network allows (Bluesky: 25 per request). Posts the
   * network no longer knows (deleted) are missing from the result, never an error.
   */
  readManyMetrics(ctx: CallContext<C>, refs: readonly PostRef[]): Promise<Map<string, PostMetrics>>;
  readAccountMetrics(ctx: CallContext<C>): Promise<AccountMetrics>;
}

/** The author of an inbound item, as far as the network tells. */
export interface InboundAuthor extends ChannelAccount {
  avatarUrl?: string;
  followerCount?: number;
}

/**
 * Something addressed to us: `comment` answers one of our posts directly, `reply` answers someone
 * else inside a thread we take part in, `mention` names our account, `quote` quotes our post,
 * `dm` is a direct message.
 */
export interface InboundItem {
  kind: 'comment' | 'reply' | 'mention' | 'quote' | 'dm';
  /** The item itself; `ref.root` is the first post of its thread when it is a reply. */
  ref: PostRef;
  inReplyTo?: PostRef;
  /** Our post this item answers or quotes, when it is one of ours. */
  ourPost?: PostRef;
  author: InboundAuthor;
  text: string;
  createdAt: Date;
  /** BCP 47 tags the author declared. */
  languages?: string[];
  /** A trimmed copy of the network's payload (evidence, debugging); no credentials. */
  raw?: unknown;
}

/** One pull of inbound items: the cursor belongs to exactly these items and is stored with them. */
export interface InboundBatch {
  items: InboundItem[];
  cursor: string | null;
}

export interface InboundCapability<C extends Credentials = Credentials> {
  /** Items newer than `cursor`, oldest first; returns the cursor to pass next time. */
  readInbound(ctx: CallContext<C>, cursor: string | null): Promise<InboundBatch>;
  /**
   * Live delivery where the network has a stream: calls `onBatch` (awaited: back-pressure) for each
   * batch and resolves when the stream ends or `ctx.signal` aborts. Callers catch up with
   * `readInbound` after every (re)connect, so nothing sent while disconnected is lost.
   */
  streamInbound?(ctx: CallContext<C>, cursor: string | null, onBatch: (batch: InboundBatch) => Promise<void>): Promise<void>;
}

/** Like / boost (repost) an item where the network supports it. */
export interface EngageCapability<C extends Credentials = Credentials> {
  like(ctx: CallContext<C>, ref: PostRef): Promise<void>;
  boost(ctx: CallContext<C>, ref: PostRef): Promise<void>;
}

export interface ReplyCapability<C extends Credentials = Credentials> {
  reply(ctx: CallContext<C>, to: PostRef, req: Omit<PublishRequest, 'replyTo'>): Promise<PublishResult>;
}

/** Someone else's post we moderate, with the thread root (Bluesky hides replies through the root's threadgate). */
export interface ModerationTarget {
  ref: PostRef;
  /** The thread's first post; hiding works only where it is ours. */
  root?: PostRef;
}

export type ModerationOperation = 'hide' | 'unhide' | 'delete' | 'block' | 'unblock' | 'mute' | 'report';

export interface ReportInput {
  account: ChannelAccount;
  refs: PostRef[];
  /** `spam`, `legal` (illegal content), `violation` (house rules, e.g. insults) or `other`; each network maps these to its own. */
  category: 'spam' | 'legal' | 'violation' | 'other';
  /** Sent to the network's moderators (clause and reason); no internal notes. */
  comment: string;
}

/**
 * Moderation of other people's content and accounts. `operations` says what the network can do;
 * what it cannot (e.g. deleting someone else's Mastodon reply) is done in Resonanz only, and the
 * UI says so. Every call is idempotent (hiding a hidden reply, blocking a blocked account succeeds).
 */
export interface ModerateCapability<C extends Credentials = Credentials> {
  operations: readonly ModerationOperation[];
  hide?(ctx: CallContext<C>, target: ModerationTarget): Promise<void>;
  unhide?(ctx: CallContext<C>, target: ModerationTarget): Promise<void>;
  blockAuthor?(ctx: CallContext<C>, account: ChannelAccount): Promise<void>;
  /** Lifts our block of the account (a reversed ban); succeeds when there is none. */
  unblockAuthor?(ctx: CallContext<C>, account: ChannelAccount): Promise<void>;
  muteAuthor?(ctx: CallContext<C>, account: ChannelAccount): Promise<void>;
  report?(ctx: CallContext<C>, input: ReportInput): Promise<{ reportId: string | null }>;
}

/** A network client. Capabilities it does not implement are absent (and not declared). */
export interface Provider<C extends Credentials = Credentials> {
  descriptor: ProviderDescriptor;
  connect: OAuthConnect<C> | PasswordConnect<C>;
  publish?: PublishCapability<C>;
  delete?: DeleteCapability<C>;
  metrics?: MetricsCapability<C>;
  inbound?: InboundCapability<C>;
  reply?: ReplyCapability<C>;
  moderate?: ModerateCapability<C>;
  engage?: EngageCapability<C>;
}

type CapabilityMap<C extends Credentials> = {
  connect: OAuthConnect<C> | PasswordConnect<C>;
  publish: PublishCapability<C>;
  delete: DeleteCapability<C>;
  metrics: MetricsCapability<C>;
  inbound: InboundCapability<C>;
  reply: ReplyCapability<C>;
  moderate: ModerateCapability<C>;
  engage: EngageCapability<C>;
};

/**
 * Returns the implementation of `cap`, or throws `ProviderError{kind:'unsupported'}` — callers never
 * silently skip a capability the network lacks.
 */
export function requireCapability<C extends Credentials, K extends Capability>(
  provider: Provider<C>,
  cap: K,
): CapabilityMap<C>[K] {
  const impl = (provider as unknown as Record<string, unknown>)[cap];
  if (!provider.descriptor.capabilities.includes(cap) || impl === undefined) {
    throw new ProviderError({
      kind: 'unsupported',
      network: provider.descriptor.id,
      message: `${provider.descriptor.displayName} does not support "${cap}"`,
    });
  }
  return impl as CapabilityMap<C>[K];
}

/** Injectable side effects shared by all providers. */
export interface ProviderDeps {
  /** Defaults to undici's fetch with the SSRF-guarded dispatcher. */
  fetch?: typeof globalThis.fetch;
  /** The undici dispatcher for the provider's HTTP calls instead of the default (tests: a MockAgent). */
  dispatcher?: Dispatcher;
  now?: () => Date;
  /** Waits between polls (media processing); injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Allow instance/PDS URLs on private or loopback addresses (tests, on-prem setups). */
  allowPrivateNetwork?: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Notification pages one inbound poll reads at most before leaving the rest to the next poll. */
  inboundMaxPages?: number;
  userAgent?: string;
}

export type ProviderFactory = (deps?: ProviderDeps) => Provider<any>;
