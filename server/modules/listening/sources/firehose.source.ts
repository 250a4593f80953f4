/**
 * The full AT Protocol firehose (`com.atproto.sync.subscribeRepos`) of a relay or a PDS, as an
 * alternative to Jetstream: binary CBOR frames whose commits carry the records as CAR blocks.
 * Decoding uses the maintained atproto libraries — frames through @atproto/xrpc-server, commit
 * blocks and records through @atproto/sync (@atproto/repo underneath). Commits are read
 * unauthenticated, as Jetstream delivers them: verifying every repository's signature would need
 * a DID lookup per author.
 *
 * Resume: the cursor is the `seq` of the last stored post; the server replays everything after
 * it, so nothing is lost (and dedupe absorbs what was stored but not yet acknowledged).
 * Back-pressure: frames are read through a stream whose buffer pauses the socket while the
 * pipeline is full. Reconnects, backoff and health belong to the supervisor: this connection does
 * not reconnect by itself, so every drop shows in the source's health.
 */
import { parseCommitUnauthenticated } from '@atproto/sync';
import { byMessage } from '@atproto/xrpc-server';
import WebSocket from 'ws';
import { blueskyPostToMention, type BlueskyPostRecord } from './jetstream.normalize.ts';
import type { Source, SourceEnv } from './source-types.ts';

const MAX_HANDLES = 50_000;
const PING_MS = 30_000;
/** Frames buffered before the socket is paused (object mode: frames, not bytes). */
const FRAME_BUFFER = 64;
const isPost = (collection: string) => collection === 'app.bsky.feed.post';

/** `wss://host[/…]` → the subscribeRepos URL, with `cursor` when resuming. */
export function firehoseUrl(endpoint: string, cursor: string | null): string {
  const u = new URL(endpoint);
  if (!u.pathname.endsWith('/xrpc/com.atproto.sync.subscribeRepos')) {
    u.pathname = `${u.pathname.replace(/\/$/, '')}/xrpc/com.atproto.sync.subscribeRepos`;
  }
  u.search = '';
  if (cursor && /^\d+$/.test(cursor)) u.searchParams.set('cursor', cursor);
  return u.toString();
}

interface CommitBody {
  seq: number;
  repo: string;
  time: string;
  ops: { action: string; path: string; cid: unknown }[];
  blocks: Uint8Array;
}

function isCommit(body: unknown): body is CommitBody {
  const b = body as Partial<CommitBody> | null;
  return typeof b === 'object' && b !== null && typeof b.seq === 'number' && typeof b.repo === 'string' && Array.isArray(b.ops) && b.blocks instanceof Uint8Array;
}

export const firehoseSource: Source = {
  async run(env: SourceEnv): Promise<void> {
    const cfg = env.source.config as { endpoint?: string; wantedDids?: string[] };
    const wanted = cfg.wantedDids && cfg.wantedDids.length > 0 ? new Set(cfg.wantedDids) : null;
    const url = firehoseUrl(cfg.endpoint ?? 'wss://bsky.network', env.source.cursor);
    const handles = new Map<string, string>();
    env.setStatus('connecting');
    const ws = new WebSocket(url, { handshakeTimeout: 15_000, maxPayload: 8 * 1024 * 1024, ...env.connectOptions(url) });
    let alive = true;
    // A PDS can be silent for hours; pings tell a quiet connection from a dead one.
    const ping = setInterval(() => {
      if (!alive) ws.terminate();
      alive = false;
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, PING_MS);
    ws.on('pong', () => (alive = true));
    ws.on('open', () => env.setStatus('running'));
    const onAbort = () => ws.close(1000);
    env.signal.addEventListener('abort', onAbort);
    try {
      for await (const frame of byMessage(ws, { readableHighWaterMark: FRAME_BUFFER })) {
        alive = true;
        const body = frame.body as Record<string, unknown>;
        if (frame.type === '#identity' && typeof body.did === 'string' && typeof body.handle === 'string') {
          if (handles.size >= MAX_HANDLES) handles.clear();
          handles.set(body.did, body.handle);
          continue;
        }
        if (frame.type !== '#commit' || !isCommit(body)) continue;
        if (wanted && !wanted.has(body.repo)) continue;
        const events = await parseCommitUnauthenticated(body as never, isPost);
        for (const e of events) {
          if (e.event !== 'create') continue;
          const seenAt = new Date(typeof body.time === 'string' ? body.time : env.now().toISOString());
          const m = blueskyPostToMention(
            { did: e.did, rkey: e.rkey, record: e.record as BlueskyPostRecord, seenAt: Number.isNaN(seenAt.getTime()) ? env.now() : seenAt },
            env.source.workspaceId, env.source.id, handles, env.now(),
          );
          // Awaiting the pipeline here is the back-pressure: no frame is read meanwhile.
          if (m) await env.emit(m, String(body.seq));
        }
      }
    } catch (error) {
      if (env.signal.aborted) return;
      if ((error as { error?: unknown }).error === 'FutureCursor') {
        // The server's sequence is behind our cursor (a reset relay or PDS): what we hold does not
        // exist there, so continue live from its current position.
        env.saveCursor('');
        throw new Error('firehose cursor is ahead of the server (FutureCursor); continuing without a cursor');
      }
      throw error;
    } finally {
      clearInterval(ping);
      env.signal.removeEventListener('abort', onAbort);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
    }
    if (!env.signal.aborted) throw new Error('firehose connection closed');
  },
};
