/**
 * Polls an RSS/Atom/JSON feed with conditional requests (If-None-Match / If-Modified-Since): a
 * 304 costs the publisher nothing. Items are deduped by guid/id on store, so re-reading a feed
 * that does not support conditional requests only costs parsing.
 */
import { feedToMentions } from './feed.normalize.ts';
import type { Source, SourceEnv } from './source-types.ts';

interface Validators {
  etag?: string;
  lastModified?: string;
}

export function readValidators(cursor: string | null): Validators {
  try {
    return cursor ? (JSON.parse(cursor) as Validators) : {};
  } catch {
    return {};
  }
}

/** One poll; returns the number of items handed to the pipeline (0 on 304). */
export async function pollFeed(env: SourceEnv, url: string, validators: Validators): Promise<{ items: number; validators: Validators }> {
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5', 'user-agent': 'Resonanz/1 (+listening)' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const res = await env.fetch(url, { headers, signal: env.signal });
  if (res.status === 304) return { items: 0, validators };
  if (!res.ok) throw new Error(`feed fetch failed: HTTP ${res.status}`);
  const body = await res.text();
  const next: Validators = {};
  const etag = res.headers.get('etag');
  const lm = res.headers.get('last-modified');
  if (etag) next.etag = etag;
  if (lm) next.lastModified = lm;
  const mentions = feedToMentions(body, env.source.workspaceId, env.source.id, env.now());
  // The validators ride on the last item: they are saved only once every item is stored.
  for (let i = 0; i < mentions.length; i++) await env.emit(mentions[i]!, i === mentions.length - 1 ? JSON.stringify(next) : undefined);
  if (mentions.length === 0) env.saveCursor(JSON.stringify(next));
  return { items: mentions.length, validators: next };
}

export const feedSource: Source = {
  async run(env: SourceEnv): Promise<void> {
    const cfg = env.source.config as { url: string; pollIntervalS?: number };
    let validators = readValidators(env.source.cursor);
    env.setStatus('connecting');
    while (!env.signal.aborted) {
      validators = (await pollFeed(env, cfg.url, validators)).validators;
      env.setStatus('running');
      await env.sleep((cfg.pollIntervalS ?? 300) * 1000);
    }
  },
};
