/**
 * A local HTTP server speaking the part of the Mastodon API the provider uses to publish
 * (`POST /api/v1/statuses`, `GET /api/v2/instance`, `verify_credentials`), with configurable
 * latency and duplicate detection by Idempotency-Key (answered with the original status, as
 * Mastodon does) and by content (a second status with the same text counts as a duplicate).
 */
import { createServer, type Server } from 'node:http';

export interface MastodonStub {
  url: string;
  /** Statuses created, in order. */
  statuses: { id: string; text: string; key: string | null; at: number; inReplyTo: string | null }[];
  /** Creations whose text had already been posted (double posts). */
  duplicates: number;
  close(): Promise<void>;
}

export async function startMastodonStub(opts: { latencyMs?: number; port?: number } = {}): Promise<MastodonStub> {
  const latency = opts.latencyMs ?? 0;
  const byKey = new Map<string, { id: string; text: string }>();
  const texts = new Set<string>();
  const stub: MastodonStub = { url: '', statuses: [], duplicates: 0, close: async () => undefined };
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const send = (status: number, json: unknown) => setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      }, latency);
      const url = req.url ?? '';
      if (req.method === 'POST' && url === '/api/v1/statuses') {
        const json = JSON.parse(body || '{}') as { status?: string; in_reply_to_id?: string };
        const text = String(json.status ?? '');
        const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
        const prior = key ? byKey.get(key) : undefined;
        // Record on arrival (like the real server commits before answering): a client killed mid-request still posted.
        let s = prior;
        if (!s) {
          s = { id: String(++n), text };
          if (texts.has(text)) stub.duplicates++;
          texts.add(text);
          if (key) byKey.set(key, s);
          stub.statuses.push({ id: s.id, text, key, at: Date.now(), inReplyTo: json.in_reply_to_id ?? null });
        }
        return send(200, { id: s.id, in_reply_to_id: json.in_reply_to_id ?? null, uri: `${stub.url}/users/amt/statuses/${s.id}`, url: `${stub.url}/@amt/${s.id}`, created_at: new Date().toISOString(), favourites_count: 0, reblogs_count: 0, replies_count: 0 });
      }
      if (url === '/api/v2/instance') return send(200, { domain: 'stub.local', configuration: { statuses: { max_characters: 500, characters_reserved_per_url: 23 } } });
      if (url === '/api/v1/accounts/verify_credentials') return send(200, { id: '1', username: 'amt', acct: 'amt' });
      send(404, { error: 'Record not found' });
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const addr = server.address();
  stub.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  stub.close = () => new Promise((r) => server.close(() => r()));
  return stub;
}
