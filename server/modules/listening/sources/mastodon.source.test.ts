import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedMention } from '../ingest/mention-input.ts';
import { statusToMention, type MastodonStatus } from './mastodon.normalize.ts';
import { mastodonSource } from './mastodon.source.ts';
import type { SourceEnv } from './source-types.ts';
import { recording, serveRecording, validateExchange } from './test/recorded-mastodon.ts';

let srv: Awaited<ReturnType<typeof serveRecording>>;
beforeAll(async () => {
  srv = await serveRecording();
});
afterAll(() => srv.server.close());

function env(config: Record<string, unknown>, cursor: string | null) {
  const emitted: { m: NormalizedMention; cursor?: string | undefined }[] = [];
  const saved: string[] = [];
  const statuses: string[] = [];
  const abort = new AbortController();
  const e: SourceEnv = {
    source: { id: '00000000-0000-4000-8000-000000000001', workspaceId: '00000000-0000-4000-8000-000000000002', kind: 'mastodon', config: { instanceUrl: srv.url, ...config }, cursor },
    emit: async (m, c) => void emitted.push({ m, cursor: c }),
    saveCursor: (c) => void saved.push(c),
    setStatus: (s, reason) => void statuses.push(reason ? `${s}: ${reason}` : s),
    signal: abort.signal,
    now: () => new Date('2026-03-16T11:00:00Z'),
    fetch,
    connectOptions: () => ({}),
    sleep: async () => abort.abort(),
  };
  return { e, emitted, saved, statuses };
}

describe('recorded Mastodon exchanges', () => {
  it('conform to the Mastodon OpenAPI document', () => {
    for (const x of recording.exchanges) expect(validateExchange(x), x.path).toEqual([]);
  });
  it('a drifted recording is caught', () => {
    const bad = structuredClone(recording.exchanges[0]!) as { body: Record<string, unknown>[] };
    delete bad.body[0]!.uri;
    expect(validateExchange(bad as never).length).toBeGreaterThan(0);
  });
});

describe('Mastodon source', () => {
  it('catches up by polling with min_id, then streams; skips private statuses; cursors follow status ids', async () => {
    const { e, emitted } = env({ stream: 'hashtag', tag: 'verwaltung' }, '113000000000000010');
    await mastodonSource.run(e);
    expect(emitted.map((x) => x.cursor)).toEqual(['113000000000000011', '113000000000000012', '113000000000000013', '113000000000000015']);
    const first = emitted[0]!.m;
    expect(first).toMatchObject({ network: 'mastodon', author: 'lena@social.example.de', authorName: 'Lena Berger', lang: 'de' });
    expect(first.text).toBe('Neuer Bürgerservice online & gut erreichbar #Verwaltung');
    expect(emitted[2]!.m.text).toContain('informiert:\nFormulare');
    expect(emitted.every((x) => !x.m.text.includes('Private Notiz'))).toBe(true);
    // Reconnect: the catch-up starts at the last streamed id, so the gap is filled.
    const again = env({ stream: 'hashtag', tag: 'verwaltung' }, '113000000000000015');
    await mastodonSource.run(again.e);
    expect(again.emitted[0]!.m.text).toContain('Öffnungszeiten');
    expect(srv.requests).toContain('/api/v1/timelines/tag/verwaltung?limit=40&min_id=113000000000000015');
  });

  it('falls back to polling when the instance refuses anonymous streaming', async () => {
    const { e, statuses, saved } = env({ stream: 'public' }, null);
    await mastodonSource.run(e);
    expect(statuses.some((s) => /streaming refused: HTTP 401; polling instead/.test(s))).toBe(true);
    expect(saved).toEqual([]);
  });

  it('counts a boost as the boosted status', () => {
    const s = recording.exchanges[0]!.body as MastodonStatus[];
    const boost = { ...s[1]!, id: '99', uri: 'https://x/boost', reblog: s[0]! };
    expect(statusToMention(boost, 'w', 's', srv.url, new Date())!.externalId).toBe(s[0]!.uri);
  });
});
