/** The normalised form every source produces before analysis. */
export interface NormalizedMention {
  workspaceId: string;
  sourceId: string | null;
  /** Dedupe namespace: bluesky | mastodon | rss | import | webhook. */
  network: string;
  /** Stable id within the network (AT URI, status URI, feed item guid …). */
  externalId: string;
  url: string | null;
  author: string | null;
  authorName: string | null;
  title: string | null;
  text: string;
  /** Language declared by the source (Bluesky `langs`, Mastodon `language`), if any. */
  lang: string | null;
  publishedAt: Date;
}

/** Plain text from the small HTML subset of Mastodon statuses and feed summaries. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
      const k = e.toLowerCase();
      if (k === 'amp') return '&';
      if (k === 'lt') return '<';
      if (k === 'gt') return '>';
      if (k === 'quot') return '"';
      if (k === 'apos') return "'";
      if (k === 'nbsp') return ' ';
      const cp = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    })
    .trim();
}

/** A timestamp from a source, or `fallback` when missing, invalid or far in the future (clock skew, spam). */
export function safeDate(value: unknown, fallback: Date): Date {
  const d = typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) return fallback;
  if (d.getTime() > fallback.getTime() + 10 * 60_000) return fallback;
  return d;
}
