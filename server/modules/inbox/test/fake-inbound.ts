/**
 * An in-memory network for inbox tests: inbound items are "posted" into it and read back by cursor
 * (the index of the last item read), replies, likes and boosts are recorded. It implements the
 * provider contract, so the worker, the ingestion and the reply sender run unchanged.
 */
import type { InboundBatch, InboundItem, PasswordConnect, PostRef, Provider, PublishRequest } from '../../../../providers/contract.ts';
import { ProviderError } from '../../../../providers/errors.ts';
import { BLUESKY_LIMITS } from '../../publishing/post-validation.ts';
import type { Database } from '../../../db/client.ts';
import type { Secrets } from '../../../crypto/secrets.ts';
import { channels } from '../../publishing/publishing.schema.ts';

export interface FakeInbound {
  provider: Provider;
  posted: InboundItem[];
  /** Cursors readInbound was called with, in order. */
  reads: (string | null)[];
  replies: { to: PostRef; req: Omit<PublishRequest, 'replyTo'> }[];
  likes: PostRef[];
  boosts: PostRef[];
  failNextRead: ProviderError | null;
  failNextReply: ProviderError | null;
  /** Feed for streamInbound (when enabled): push batches, `end()` closes the stream. */
  stream: { push(items: InboundItem[]): void; end(): void } | null;
}

export function createFakeInbound(opts: { streaming?: boolean; network?: string } = {}): FakeInbound {
  const network = opts.network ?? 'bluesky';
  const f: FakeInbound = { posted: [], reads: [], replies: [], likes: [], boosts: [], failNextRead: null, failNextReply: null, stream: null, provider: null as unknown as Provider };
  let n = 0;
  const connect: PasswordConnect = {
    flow: 'password',
    login: async () => ({ credentials: { session: 's' }, account: { id: 'did:plc:ours', handle: '@ours.test' }, limits: BLUESKY_LIMITS }),
    refresh: async (ctx) => ctx.credentials,
    verify: async () => ({ id: 'did:plc:ours', handle: '@ours.test' }),
    readLimits: async () => BLUESKY_LIMITS,
  };
  f.provider = {
    descriptor: { id: network, displayName: `Fake ${network}`, connectFlow: 'password', capabilities: ['connect', 'inbound', 'reply', 'engage'], defaultLimits: BLUESKY_LIMITS, idempotency: { kind: 'deterministic_key' } },
    connect,
    inbound: {
      async readInbound(_ctx, cursor): Promise<InboundBatch> {
        f.reads.push(cursor);
        if (f.failNextRead) {
          const e = f.failNextRead;
          f.failNextRead = null;
          throw e;
        }
        const from = cursor === null ? 0 : Number(cursor);
        return { items: f.posted.slice(from), cursor: String(f.posted.length) };
      },
      ...(opts.streaming ? {
        streamInbound: (_ctx, cursor, onBatch) => new Promise<void>((resolve, reject) => {
          let at = Number(cursor ?? 0);
          let chain = Promise.resolve();
          f.stream = {
            push(items) {
              f.posted.push(...items);
              chain = chain.then(async () => {
                const next = f.posted.slice(at);
                at = f.posted.length;
                await onBatch({ items: next, cursor: String(at) });
              }).catch(reject);
            },
            end() {
              void chain.then(() => resolve());
            },
          };
        }),
      } : {}),
    },
    reply: {
      async reply(_ctx, to, req) {
        if (f.failNextReply) {
          const e = f.failNextReply;
          f.failNextReply = null;
          throw e;
        }
        f.replies.push({ to, req });
        const id = `at://did:plc:ours/app.bsky.feed.post/r${++n}`;
        return { ref: { id, url: `https://bsky.app/profile/ours/post/r${n}` }, publishedAt: new Date() };
      },
    },
    engage: {
      like: async (_ctx, ref) => void f.likes.push(ref),
      boost: async (_ctx, ref) => void f.boosts.push(ref),
    },
  };
  return f;
}

let k = 0;
/** An inbound item as a provider would deliver it. */
export function inbound(over: Partial<InboundItem> & { text: string }): InboundItem {
  k++;
  return {
    kind: 'comment', ref: { id: `at://did:plc:anna/app.bsky.feed.post/p${k}`, cid: `cid${k}` }, createdAt: new Date(),
    author: { id: 'did:plc:anna', handle: '@anna.test', displayName: 'Anna Beispiel', followerCount: 42 }, ...over,
  };
}

/** A connected channel of `network` with sealed fake credentials. */
export async function connectedChannel(database: Database, secrets: Secrets, workspaceId: string, network = 'bluesky', name = 'Bluesky Stadt') {
  const [row] = await database.db.insert(channels).values({
    workspaceId, network, name, status: 'connected', accountHandle: '@ours.test', accountId: 'did:plc:ours', serviceUrl: 'https://pds.example',
    credentialsSealed: secrets.seal(JSON.stringify({ session: 's' })), limits: BLUESKY_LIMITS,
  }).returning();
  return row!;
}
