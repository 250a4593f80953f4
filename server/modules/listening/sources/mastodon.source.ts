/**
 * Mastodon hashtag/public timelines. Streams over SSE (`/api/v1/streaming/…`) and, before every
 * (re)connection, catches up by polling `/api/v1/timelines/…?min_id=<cursor>` so a disconnect loses
 * nothing. Instances that refuse anonymous streaming (401/403/404), or `pollOnly`, are polled.
 */
import { statusToMention, pollingPath, streamingPath, type MastodonStatus } from './mastodon.normalize.ts';
import { SseParser } from './sse-parser.ts';
import { idGreater, type Source, type SourceEnv } from './source-types.ts';

interface MastodonConfig {
  instanceUrl: string;
  stream: 'hashtag' | 'public' | 'public:local';
  tag?: string;
  pollOnly?: boolean;
  pollIntervalS?: number;
}

const MAX_PAGES = 25;

/** Fetches everything newer than the cursor, oldest first; returns the new cursor. */
export async function catchUp(env: SourceEnv, cfg: MastodonConfig, cursor: string | null): Promise<string | null> {
  let minId = cursor;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await env.fetch(new URL(pollingPath(cfg.stream, cfg.tag, minId), cfg.instanceUrl), { headers: { accept: 'application/json' }, signal: env.signal });
    if (res.status === 429) throw new Error('rate limited (429)');
    if (!res.ok) throw new Error(`polling failed: HTTP ${res.status}`);
    const statuses = ((await res.json()) as MastodonStatus[]).slice().sort((a, b) => (idGreater(a.id, b.id) ? 1 : -1));
    if (statuses.length === 0) return minId;
    // First start: remember the newest id without importing history.
    if (minId === null) {
      const newest = statuses[statuses.length - 1]!.id;
      env.saveCursor(newest);
      return newest;
    }
    for (const s of statuses) {
      const m = statusToMention(s, env.source.workspaceId, env.source.id, cfg.instanceUrl, env.now());
      if (m) await env.emit(m, s.id);
      else env.saveCursor(s.id);
      minId = s.id;
    }
    if (statuses.length < 40) return minId;
  }
  return minId;
}

class StreamRefused extends Error {}

async function stream(env: SourceEnv, cfg: MastodonConfig, cursorRef: { value: string | null }): Promise<void> {
  const res = await env.fetch(new URL(streamingPath(cfg.stream, cfg.tag), cfg.instanceUrl), { headers: { accept: 'text/event-stream' }, signal: env.signal });
  if ([401, 403, 404, 410].includes(res.status)) throw new StreamRefused(`streaming refused: HTTP ${res.status}`);
  if (!res.ok || !res.body) throw new Error(`streaming failed: HTTP ${res.status}`);
  env.setStatus('running');
  const parser = new SseParser();
  const decoder = new TextDecoder();
  // Reading the body chunk by chunk and awaiting each emit is the back-pressure: unread data stays in the socket.
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const ev of parser.push(decoder.decode(chunk, { stream: true }))) {
      if (ev.event !== 'update') continue;
      let s: MastodonStatus;
      try {
        s = JSON.parse(ev.data) as MastodonStatus;
      } catch {
        continue;
      }
      const m = statusToMention(s, env.source.workspaceId, env.source.id, cfg.instanceUrl, env.now());
      const advance = cursorRef.value === null || idGreater(s.id, cursorRef.value);
      if (advance) cursorRef.value = s.id;
      if (m) await env.emit(m, advance ? s.id : undefined);
    }
  }
}

export const mastodonSource: Source = {
  async run(env: SourceEnv): Promise<void> {
    const cfg = env.source.config as unknown as MastodonConfig;
    env.setStatus('connecting');
    const cursor = { value: await catchUp(env, cfg, env.source.cursor) };
    if (!cfg.pollOnly) {
      try {
        await stream(env, cfg, cursor);
        return;
      } catch (e) {
        if (!(e instanceof StreamRefused)) throw e;
        env.setStatus('running', `${e.message}; polling instead`);
      }
    } else env.setStatus('running', 'polling');
    while (!env.signal.aborted) {
      await env.sleep((cfg.pollIntervalS ?? 60) * 1000);
      if (env.signal.aborted) return;
      cursor.value = await catchUp(env, cfg, cursor.value);
    }
  },
};
