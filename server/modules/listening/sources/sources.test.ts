import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { NormalizedMention } from '../ingest/mention-input.ts';
import { feedToMentions } from './feed.normalize.ts';
import { pollFeed } from './feed.source.ts';
import { parseCsv, parseNdjson, verifyWebhook } from './inbound.ts';
import { jetstreamToMention, jetstreamUrl, parseJetstreamMessage } from './jetstream.normalize.ts';
import { backoffMs, type SourceEnv } from './source-types.ts';
import { SseParser } from './sse-parser.ts';

const now = new Date('2026-03-16T12:00:00Z');

describe('feeds', () => {
  const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Amt</title><link>https://amt.example</link>
    <item><title>Neue Formulare</title><link>https://amt.example/a</link><guid>urn:amt:1</guid><description>&lt;p&gt;Text &amp;amp; mehr&lt;/p&gt;</description><pubDate>Mon, 16 Mar 2026 10:00:00 GMT</pubDate><dc:creator>Anna</dc:creator></item>
    <item><title>Ohne Guid</title><link>https://amt.example/b</link></item></channel></rss>`;
  it('normalises RSS, Atom and JSON Feed items', () => {
    const r = feedToMentions(rss, 'w', 's', now);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({ network: 'rss', externalId: 'urn:amt:1', title: 'Neue Formulare', text: 'Text & mehr', author: 'Anna', url: 'https://amt.example/a' });
    expect(r[0]!.publishedAt.toISOString()).toBe('2026-03-16T10:00:00.000Z');
    expect(r[1]!.externalId).toBe('https://amt.example/b');
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:x</id><updated>2026-03-16T10:00:00Z</updated>
      <entry><id>urn:e1</id><title>Eintrag</title><link href="https://amt.example/e1"/><updated>2026-03-16T09:00:00Z</updated><summary>Zusammenfassung</summary><author><name>Bob</name></author></entry></feed>`;
    expect(feedToMentions(atom, 'w', 's', now)[0]).toMatchObject({ externalId: 'urn:e1', url: 'https://amt.example/e1', text: 'Zusammenfassung', author: 'Bob' });
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: 'j1', url: 'https://amt.example/j1', content_text: 'Hallo', date_published: '2026-03-16T08:00:00Z', authors: [{ name: 'C' }] }] });
    expect(feedToMentions(json, 'w', 's', now)[0]).toMatchObject({ externalId: 'j1', text: 'Hallo', author: 'C' });
    expect(() => feedToMentions('<html>no feed</html>', 'w', 's', now)).toThrow();
  });

  it('polls with ETag/Last-Modified and gets nothing on 304', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['if-none-match'] as string | undefined);
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Mon, 16 Mar 2026 10:00:00 GMT' }).end(rss);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const emitted: { m: NormalizedMention; c?: string | undefined }[] = [];
    const env = { source: { id: 's', workspaceId: 'w', kind: 'feed', config: {}, cursor: null }, emit: async (m: NormalizedMention, c?: string) => void emitted.push({ m, c }), saveCursor: () => undefined, setStatus: () => undefined, signal: new AbortController().signal, now: () => now, fetch, connectOptions: () => ({}), sleep: async () => undefined } satisfies SourceEnv;
    const first = await pollFeed(env, url, {});
    expect(first.items).toBe(2);
    // The validators are persisted with the last item, i.e. only after everything is stored.
    expect(JSON.parse(emitted.at(-1)!.c!)).toEqual({ etag: '"v1"', lastModified: 'Mon, 16 Mar 2026 10:00:00 GMT' });
    expect(emitted[0]!.c).toBeUndefined();
    const second = await pollFeed(env, url, first.validators);
    expect(second.items).toBe(0);
    expect(seen).toEqual([undefined, '"v1"']);
    server.close();
  });
});

describe('Jetstream normaliser', () => {
  const post = { did: 'did:plc:abc', time_us: 1773655201200000, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: '3lk1', record: { $type: 'app.bsky.feed.post', text: 'Hallo Welt', langs: ['de'], createdAt: '2026-03-16T10:00:01.000Z' } } };
  it('turns created posts into mentions with AT URI and handle', () => {
    const m = jetstreamToMention(parseJetstreamMessage(JSON.stringify(post))!, 'w', 's', new Map([['did:plc:abc', 'anna.bsky.social']]), now)!;
    expect(m).toMatchObject({ network: 'bluesky', externalId: 'at://did:plc:abc/app.bsky.feed.post/3lk1', author: 'anna.bsky.social', lang: 'de', url: 'https://bsky.app/profile/anna.bsky.social/post/3lk1' });
    expect(jetstreamToMention({ ...post, commit: { ...post.commit, operation: 'delete' } } as never, 'w', 's', new Map(), now)).toBeNull();
    expect(parseJetstreamMessage('{oops')).toBeNull();
  });
  it('builds the subscribe URL with collection filter and rewound cursor', () => {
    const u = new URL(jetstreamUrl('wss://js.example', '5000000', ['did:plc:x']));
    expect(u.pathname).toBe('/subscribe');
    expect(u.searchParams.get('wantedCollections')).toBe('app.bsky.feed.post');
    expect(u.searchParams.get('cursor')).toBe('3000000');
    expect(u.searchParams.getAll('wantedDids')).toEqual(['did:plc:x']);
  });
});

describe('SSE parser and backoff', () => {
  it('parses events split across chunks and drops heartbeats', () => {
    const p = new SseParser();
    expect(p.push(':thump\n\nevent: upd')).toEqual([]);
    expect(p.push('ate\ndata: {"a":\ndata: 1}\r\n\r\n')).toEqual([{ event: 'update', data: '{"a":\n1}', id: null }]);
  });
  it('grows exponentially with jitter and is capped', () => {
    expect(backoffMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('import and webhook input', () => {
  it('reports bad NDJSON lines by number and keeps the good ones', () => {
    const r = parseNdjson('{"id":"1","text":"a"}\n\n{"id":2}\nnope\n');
    expect(r.items.map((i) => i.line)).toEqual([1]);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4]);
  });
  it('reads CSV with quoted fields and column aliases', () => {
    const r = parseCsv('ID;x\n'.replace(';', ',') + '1,"a, ""b"""\n');
    expect(r.rejected[0]!.message).toMatch(/id and text/);
    const ok = parseCsv('id,text,language\n1,"a, ""b""",de\n');
    expect(ok.items[0]!.item).toMatchObject({ id: '1', text: 'a, "b"', lang: 'de' });
  });
  it('verifies HMAC and bearer secrets', () => {
    const body = '{"id":"1","text":"x"}';
    const sig = 'sha256=' + '0'.repeat(64);
    expect(verifyWebhook('hmac', 'k', { 'x-resonanz-signature': sig }, body)).toBe(false);
    expect(verifyWebhook('bearer', 'k', { authorization: 'Bearer k' }, body)).toBe(true);
    expect(verifyWebhook('bearer', 'k', { authorization: 'Bearer kk' }, body)).toBe(false);
  });
});
