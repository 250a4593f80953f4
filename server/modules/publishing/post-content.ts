/**
 * What an approval signs: the content hash over everything that reaches the network (texts,
 * variants, media with alt text, content warning, language). Metadata such as campaign or internal
 * notes do not change it, so tagging a post does not restart review. Also a readable line diff for
 * the version history.
 */
import { createHash } from 'node:crypto';

export interface MediaRef {
  id: string;
  mimeType: string;
  altText: string;
}

export interface PostContent {
  text: string;
  /**
   * Per-channel text replacing `text` on that channel; `thread` (when set) overrides the post's
   * choice for that channel.
   */
  variants: Record<string, { text: string; thread?: boolean }>;
  media: MediaRef[];
  contentWarning: string | null;
  language: string | null;
  /** Send a text too long for a network as a thread (reply chain) instead of refusing it. */
  thread?: boolean;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * SHA-256 of the canonical JSON of the publishable content. The thread choice is part of it (it
 * changes what reaches the network), but only when chosen, so hashes of posts without threads
 * stay as they were.
 */
export function contentHash(c: PostContent): string {
  return createHash('sha256').update(canonical({ t: c.text, v: c.variants, m: c.media, cw: c.contentWarning, l: c.language, ...(c.thread ? { th: true } : {}) })).digest('hex');
}

/** The text a channel receives. */
export function textFor(c: Pick<PostContent, 'text' | 'variants'>, channelId: string): string {
  return c.variants[channelId]?.text ?? c.text;
}

/** Whether a channel's text may become a thread: its variant's own choice, else the post's. */
export function threadChosenFor(c: Pick<PostContent, 'variants' | 'thread'>, channelId: string): boolean {
  return c.variants?.[channelId]?.thread ?? c.thread ?? false;
}

/**
 * Variants keep a thread choice only where it differs from the post's: the stored content has one
 * spelling per meaning, so re-saving unchanged content never changes its hash (and its approval).
 */
export function normaliseVariants(variants: PostContent['variants'], thread: boolean): PostContent['variants'] {
  const out: PostContent['variants'] = {};
  for (const [id, v] of Object.entries(variants)) out[id] = v.thread === undefined || v.thread === thread ? { text: v.text } : { text: v.text, thread: v.thread };
  return out;
}

export type DiffLine = { op: ' ' | '+' | '-'; line: string };

/** Line diff (LCS), small texts only: social posts are a few lines. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', line: a[i++]! });
    else out.push({ op: '+', line: b[j++]! });
  }
  while (i < n) out.push({ op: '-', line: a[i++]! });
  while (j < m) out.push({ op: '+', line: b[j++]! });
  return out;
}

/** Unified-style text of a diff, for the version history view. */
export function formatDiff(d: DiffLine[]): string {
  return d.map((l) => `${l.op} ${l.line}`).join('\n');
}
