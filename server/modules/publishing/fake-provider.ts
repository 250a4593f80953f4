/**
 * An in-memory provider implementing the contract, for tests: records every post, de-duplicates by
 * target id like a deterministic record key, and can be told to fail or to "crash" after sending.
 */
import type { PasswordConnect, Provider, PublishRequest } from '../../../providers/contract.ts';
import { ProviderError } from '../../../providers/errors.ts';
import { BLUESKY_LIMITS } from './post-validation.ts';

export interface FakeNetwork {
  provider: Provider;
  /** Every create request that reached the network (duplicates included). */
  sent: PublishRequest[];
  /** Posts that exist, by target id. */
  stored: Map<string, { id: string; text: string }>;
  /** Next publish calls throw this (once each). */
  failNext: ProviderError[];
  /** Next publish stores the post and then throws (a crash / lost answer after sending). */
  loseNextAnswer: boolean;
  logins: { identifier: string; password: string }[];
  /** Post ids deleted on the network, in call order. */
  deleted: string[];
  /** Next delete calls throw this (once each). */
  failNextDelete: ProviderError[];
}

export function createFakeNetwork(id = 'bluesky', idempotency: Provider['descriptor']['idempotency'] = { kind: 'deterministic_key' }): FakeNetwork {
  const net: FakeNetwork = { sent: [], stored: new Map(), failNext: [], loseNextAnswer: false, logins: [], deleted: [], failNextDelete: [], provider: null as unknown as Provider };
  let n = 0;
  net.provider = {
    descriptor: { id, displayName: `Fake ${id}`, connectFlow: 'password', capabilities: ['connect', 'publish', 'delete'], defaultLimits: BLUESKY_LIMITS, idempotency },
    connect: {
      flow: 'password',
      async login(input) {
        if (input.serviceUrl?.includes('unreachable')) throw new ProviderError({ kind: 'retry', network: id, message: 'connect ECONNREFUSED' });
        if (input.password === 'wrong') throw new ProviderError({ kind: 'reauth', network: id, message: 'bad password', networkMessage: 'Invalid identifier or password' });
        net.logins.push({ identifier: input.identifier, password: input.password });
        return { credentials: { session: `sess-${input.identifier}`, appPassword: input.password }, account: { id: 'did:plc:fake', handle: input.identifier }, limits: BLUESKY_LIMITS };
      },
      refresh: async (ctx) => ctx.credentials,
      verify: async () => ({ id: 'did:plc:fake', handle: 'fake' }),
      readLimits: async () => BLUESKY_LIMITS,
    } as PasswordConnect,
    publish: {
      async publish(_ctx, req) {
        const failure = net.failNext.shift();
        if (failure) throw failure;
        net.sent.push(req);
        let post = net.stored.get(req.targetId);
        if (!post) net.stored.set(req.targetId, (post = { id: `post-${++n}`, text: req.text }));
        if (net.loseNextAnswer) {
          net.loseNextAnswer = false;
          throw new ProviderError({ kind: 'unknown_outcome', network: id, message: 'timeout after sending' });
        }
        return { ref: { id: post.id, url: `https://fake.example/${post.id}` }, publishedAt: new Date() };
      },
      async reconcile(_ctx, targetId) {
        const p = net.stored.get(targetId);
        return p ? { status: 'published', ref: { id: p.id } } : { status: 'absent' };
      },
    },
    delete: {
      async delete(_ctx, ref) {
        const failure = net.failNextDelete.shift();
        if (failure) throw failure;
        net.deleted.push(ref.id);
        for (const [k, v] of net.stored) if (v.id === ref.id) net.stored.delete(k);
      },
    },
  };
  return net;
}
