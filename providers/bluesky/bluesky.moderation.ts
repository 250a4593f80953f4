/**
 * Bluesky moderation of other people's content:
 * - hide a reply in our own thread: the root post's threadgate (`app.bsky.feed.threadgate`, record
 *   key = the root's key) lists it in `hiddenReplies`; an existing gate's reply rules are kept.
 *   Only the author of the root can write that gate, so a reply in someone else's thread cannot be
 *   hidden on the network (`invalid`; the server then hides it in Resonanz only).
 * - block: an `app.bsky.graph.block` record in our repository (one per subject: an existing block
 *   is found and reused, so blocking twice is harmless); unblock deletes it (a reversed ban).
 * - report: `com.atproto.moderation.createReport`, proxied by the PDS to its moderation service
 *   when it has one; a PDS without one answers an error, mapped to the taxonomy.
 * Deleting someone else's post and muting (a preference on the AppView, not a record) are not
 * network operations here.
 */
import { AtUri, type AtpAgent } from '@atproto/api';
import type { CallContext, ChannelAccount, ModerateCapability, ModerationTarget, PostRef, ReportInput } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { NETWORK } from './bluesky.errors.ts';
import type { BlueskyCredentials } from './bluesky.session.ts';

type WithAgent = <T>(ctx: CallContext<BlueskyCredentials>, action: string, fn: (agent: AtpAgent, did: string) => Promise<T>) => Promise<T>;

const THREADGATE = 'app.bsky.feed.threadgate';
const BLOCK = 'app.bsky.graph.block';
const REASONS = { spam: 'reasonSpam', legal: 'reasonViolation', violation: 'reasonRude', other: 'reasonOther' } as const;
/** A threadgate may list at most this many hidden replies (lexicon maxLength). */
const MAX_HIDDEN = 300;

interface ThreadgateRecord {
  $type?: string;
  post: string;
  createdAt: string;
  allow?: unknown[];
  hiddenReplies?: string[];
  [k: string]: unknown;
}

function isNotFound(e: unknown): boolean {
  const err = e as { error?: string; status?: number; message?: string };
  return err?.error === 'RecordNotFound' || (err?.status === 400 && /could not locate record/i.test(String(err?.message)));
}

function rootOf(target: ModerationTarget): PostRef {
  return target.root ?? target.ref.root ?? target.ref;
}

export function createBlueskyModeration(deps: { withAgent: WithAgent; now: () => Date }): ModerateCapability<BlueskyCredentials> {
  const { withAgent, now } = deps;

  /** Reads the gate of our root post, applies `change`, writes it back (compare-and-swap on the CID). */
  async function editHidden(ctx: CallContext<BlueskyCredentials>, target: ModerationTarget, change: (hidden: string[]) => string[]): Promise<void> {
    const root = new AtUri(rootOf(target).id);
    await withAgent(ctx, 'moderate', async (agent, did) => {
      if (root.host !== did) {
        throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'Replies can be hidden only in threads that start with our own post' });
      }
      let current: ThreadgateRecord | null = null;
      let cid: string | undefined;
      try {
        const res = await agent.com.atproto.repo.getRecord({ repo: did, collection: THREADGATE, rkey: root.rkey });
        current = res.data.value as ThreadgateRecord;
        cid = res.data.cid;
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      const before = current?.hiddenReplies ?? [];
      const hidden = change(before);
      if (hidden.length === before.length && hidden.every((h, i) => h === before[i])) return;
      if (hidden.length > MAX_HIDDEN) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: `A thread can hide at most ${MAX_HIDDEN} replies` });
      // No `allow` on a new gate = everybody may still reply; we only hide, we do not restrict.
      const record: ThreadgateRecord = current ? { ...current, hiddenReplies: hidden } : { $type: THREADGATE, post: root.toString(), createdAt: now().toISOString(), hiddenReplies: hidden };
      await agent.com.atproto.repo.putRecord({ repo: did, collection: THREADGATE, rkey: root.rkey, record, swapRecord: cid ?? null, validate: true });
    });
  }

  async function findBlock(agent: AtpAgent, did: string, subject: string): Promise<string | null> {
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await agent.com.atproto.repo.listRecords({ repo: did, collection: BLOCK, limit: 100, cursor });
      const hit = res.data.records.find((r) => (r.value as { subject?: string }).subject === subject);
      if (hit) return hit.uri;
      if (!res.data.cursor || res.data.records.length === 0) return null;
      cursor = res.data.cursor;
    }
    return null;
  }

  return {
    operations: ['hide', 'unhide', 'block', 'unblock', 'report'],
    hide: (ctx, target) => editHidden(ctx, target, (h) => (h.includes(target.ref.id) ? h : [...h, target.ref.id])),
    unhide: (ctx, target) => editHidden(ctx, target, (h) => h.filter((u) => u !== target.ref.id)),
    blockAuthor: (ctx, account: ChannelAccount) =>
      withAgent(ctx, 'moderate', async (agent, did) => {
        if (!account.id.startsWith('did:')) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'A Bluesky account is blocked by its DID' });
        if (await findBlock(agent, did, account.id)) return;
        await agent.com.atproto.repo.createRecord({ repo: did, collection: BLOCK, record: { $type: BLOCK, subject: account.id, createdAt: now().toISOString() }, validate: true });
      }),
    // Lifting a block deletes its record; none there (never blocked, or lifted already) is success.
    unblockAuthor: (ctx, account: ChannelAccount) =>
      withAgent(ctx, 'moderate', async (agent, did) => {
        if (!account.id.startsWith('did:')) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: 'A Bluesky account is unblocked by its DID' });
        for (let uri = await findBlock(agent, did, account.id); uri; uri = await findBlock(agent, did, account.id)) {
          await agent.com.atproto.repo.deleteRecord({ repo: did, collection: BLOCK, rkey: new AtUri(uri).rkey });
        }
      }),
    report: (ctx, input: ReportInput) =>
      withAgent(ctx, 'moderate', async (agent) => {
        const reasonType = `com.atproto.moderation.defs#${REASONS[input.category]}`;
        const ref = input.refs[0];
        const subject = ref && ref.cid
          ? { $type: 'com.atproto.repo.strongRef', uri: ref.id, cid: ref.cid }
          : { $type: 'com.atproto.admin.defs#repoRef', did: input.account.id };
        const res = await agent.com.atproto.moderation.createReport({ reasonType, reason: input.comment.slice(0, 2000), subject });
        return { reportId: String(res.data.id) };
      }),
  };
}
