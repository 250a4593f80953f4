/**
 * Third-party data: NDJSON and CSV uploads and webhook deliveries. Items are validated one by one
 * (a bad line is reported with its number, the rest is stored) and authenticated per source with
 * a bearer secret or an HMAC-SHA256 signature of the raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { z } from 'zod';
import { inboundMentionSchema } from '../../../../common/schemas/listening.ts';
import { safeDate, type NormalizedMention } from '../ingest/mention-input.ts';

export type InboundItem = z.infer<typeof inboundMentionSchema>;
export interface Rejected {
  line: number;
  message: string;
}

const issue = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');

export function parseNdjson(body: string): { items: { line: number; item: InboundItem }[]; rejected: Rejected[] } {
  const items: { line: number; item: InboundItem }[] = [];
  const rejected: Rejected[] = [];
  body.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      rejected.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const r = inboundMentionSchema.safeParse(json);
    if (r.success) items.push({ line: i + 1, item: r.data });
    else rejected.push({ line: i + 1, message: issue(r.error) });
  });
  return { items, rejected };
}

const CSV_ALIASES: Record<string, keyof InboundItem> = { id: 'id', text: 'text', author: 'author', author_name: 'authorName', authorname: 'authorName', url: 'url', title: 'title', lang: 'lang', language: 'lang', published_at: 'publishedAt', publishedat: 'publishedAt', date: 'publishedAt' };

/** CSV with a header row (`id,text,author,url,title,lang,published_at`; other columns are ignored). */
export function parseCsv(body: string): { items: { line: number; item: InboundItem }[]; rejected: Rejected[] } {
  let rows: string[][];
  try {
    rows = parseCsvSync(body, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    return { items: [], rejected: [{ line: (e as { lines?: number }).lines ?? 1, message: `CSV syntax error: ${(e as Error).message}` }] };
  }
  const header = (rows[0] ?? []).map((h) => CSV_ALIASES[h.toLowerCase().replace(/[\s-]/g, '_')] ?? null);
  if (!header.includes('id') || !header.includes('text')) return { items: [], rejected: [{ line: 1, message: 'the header needs at least the columns id and text' }] };
  const items: { line: number; item: InboundItem }[] = [];
  const rejected: Rejected[] = [];
  rows.slice(1).forEach((row, i) => {
    const obj: Record<string, string> = {};
    header.forEach((h, c) => {
      if (h && row[c] !== undefined && row[c] !== '') obj[h] = row[c]!;
    });
    const r = inboundMentionSchema.safeParse(obj);
    if (r.success) items.push({ line: i + 2, item: r.data });
    else rejected.push({ line: i + 2, message: issue(r.error) });
  });
  return { items, rejected };
}

export function inboundToMention(item: InboundItem, workspaceId: string, sourceId: string, network: 'import' | 'webhook', now: Date): NormalizedMention {
  return {
    workspaceId, sourceId, network, externalId: `${sourceId}:${item.id}`, url: item.url ?? null, author: item.author?.replace(/^@/, '') ?? null,
    authorName: item.authorName ?? null, title: item.title ?? null, text: item.text.replace(/\u0000/g, ''), lang: item.lang ?? null,
    publishedAt: safeDate(item.publishedAt, now),
  };
}

function equalStrings(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Bearer: `Authorization: Bearer <secret>`. HMAC: `X-Resonanz-Signature: sha256=<hex of HMAC-SHA256(secret, raw body)>`. */
export function verifyWebhook(mode: 'hmac' | 'bearer', secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string): boolean {
  if (mode === 'bearer') {
    const auth = headers.authorization;
    return typeof auth === 'string' && auth.startsWith('Bearer ') && equalStrings(auth.slice(7).trim(), secret);
  }
  const sig = headers['x-resonanz-signature'];
  if (typeof sig !== 'string' || !sig.startsWith('sha256=')) return false;
  return equalStrings(sig.slice(7).toLowerCase(), createHmac('sha256', secret).update(rawBody).digest('hex'));
}
