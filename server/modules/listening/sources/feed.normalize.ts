/** RSS 2.0 / Atom / RDF / JSON Feed documents (parsed by feedsmith) → mentions. */
import { parseFeed } from 'feedsmith';
import { htmlToText, safeDate, type NormalizedMention } from '../ingest/mention-input.ts';

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as Loose).value === 'string' ? ((v as Loose).value as string) : null);

interface FeedItem {
  id: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  published: unknown;
}

function items(format: string, feed: Loose): FeedItem[] {
  const out: FeedItem[] = [];
  if (format === 'atom') {
    for (const e of (feed.entries as Loose[] | undefined) ?? []) {
      const links = (e.links as Loose[] | undefined) ?? [];
      const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
      const url = str(link?.href);
      out.push({ id: str(e.id) ?? url ?? '', url, title: str(e.title), text: str(e.summary) ?? str(e.content) ?? '', author: str((e.authors as Loose[] | undefined)?.[0]?.name), published: str(e.published) ?? str(e.updated) });
    }
  } else if (format === 'json') {
    for (const i of (feed.items as Loose[] | undefined) ?? []) {
      out.push({ id: str(i.id) ?? str(i.url) ?? '', url: str(i.url), title: str(i.title), text: str(i.content_text) ?? str(i.summary) ?? str(i.content_html) ?? '', author: str((i.authors as Loose[] | undefined)?.[0]?.name) ?? str((i.author as Loose | undefined)?.name), published: str(i.date_published) ?? str(i.date_modified) });
    }
  } else {
    for (const i of (feed.items as Loose[] | undefined) ?? []) {
      const url = str(i.link);
      const dc = i.dc as Loose | undefined;
      out.push({ id: str(i.guid) ?? url ?? str(i.title) ?? '', url, title: str(i.title), text: str(i.description) ?? str((i.content as Loose | undefined)?.encoded) ?? '', author: str(i.author) ?? str((dc?.creators as unknown[] | undefined)?.[0]) ?? str(dc?.creator), published: str(i.pubDate) ?? str(dc?.date) });
    }
  }
  return out;
}

/** Parses a feed body; throws feedsmith's error for documents that are no feed. */
export function feedToMentions(body: string, workspaceId: string, sourceId: string, now: Date): NormalizedMention[] {
  const { format, feed } = parseFeed(body) as { format: string; feed: Loose };
  return items(format, feed)
    .filter((i) => i.id && (i.text || i.title))
    .map((i) => ({
      workspaceId, sourceId, network: 'rss', externalId: i.id.slice(0, 1000), url: i.url, author: i.author, authorName: i.author,
      title: i.title ? htmlToText(i.title) : null, text: htmlToText(i.text).slice(0, 20_000), lang: null, publishedAt: safeDate(i.published, now),
    }));
}
