/** Splits plain text (a mail body) into text and http(s) link parts so links can be rendered clickable. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string };

const URL_RE = /https?:\/\/[^\s<>"')\]]+/g;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    // A sentence's final full stop or comma is not part of the link.
    const href = m[0].replace(/[.,;:!?]+$/, '');
    const start = m.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** A link into this app (same origin) is opened as an in-app path, keeping the session. */
export function toAppPath(href: string, origin: string): string | null {
  try {
    const u = new URL(href);
    return u.origin === origin ? `${u.pathname}${u.search}${u.hash}` : null;
  } catch {
    return null;
  }
}
