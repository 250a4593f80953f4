/**
 * Tokenisation for the sentiment analyzer. Social posts mix words, hashtags, mentions, URLs,
 * emoji and ASCII emoticons; each kind carries sentiment differently, so the tokenizer keeps
 * the kind instead of flattening everything to words.
 */

export type TokenKind = 'word' | 'hashtag' | 'mention' | 'url' | 'emoji' | 'emoticon' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Folded, lower-cased form (words and hashtags), or the raw symbol (emoji, emoticons, punctuation). */
  norm: string;
  /** The text as written. */
  raw: string;
  /** The word was stretched (`guuut`, `sooo`): writers stretch words they mean strongly. */
  elongated: boolean;
  /** Written in capitals while the whole text is not (`das ist SUPER`). */
  shouted: boolean;
}

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

/**
 * German folding plus diacritic removal, lower case: `Müller`, `mueller`, `MÜLLER` → `mueller`;
 * `Straße` → `strasse`; `café` → `cafe`.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äöüßẞ]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

/** Collapses runs of three or more equal letters to two (`guuuut` → `guut`, `cooool` → `cool`). */
export function squeezeRuns(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** Collapses every doubled letter once more; used as a second lookup (`guut` → `gut`). */
export function squeezeAll(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

// Order matters: longer emoticons first so `>:(` is not read as `:(`.
const EMOTICON_SOURCE = [
  String.raw`>:-?\(`,
  String.raw`:'-?\(`,
  String.raw`:'-?\)`,
  String.raw`[:;=8]-?[)\]D}>pP3*]+`,
  String.raw`[:=]-?[(\[{/\\|<]+`,
  String.raw`\(-?[:;=]`,
  String.raw`<3+`,
  String.raw`</3`,
  String.raw`\^[_.\-]?\^`,
  String.raw`\bx+D+\b`,
  String.raw`\bX+D+\b`,
  String.raw`\bT[_.]+T\b`,
  String.raw`-[_.]-`,
  String.raw`\\o/`,
].join('|');

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<url>\bhttps?:\/\/\S+|\bwww\.\S+|\bhttps?\b)`,
    String.raw`(?<mention>@[\p{L}\p{N}_.]+)`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]+)`,
    `(?<emoticon>(?:${EMOTICON_SOURCE})(?![\\p{L}\\p{N}]))`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)`,
    String.raw`(?<word>[\p{L}\p{N}]+(?:['’][\p{L}]+)*)`,
    String.raw`(?<punct>[!?.,;:]+)`,
  ].join('|'),
  'gu',
);

function decodeEntities(text: string): string {
  return (
    text
      .replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e)
      // Exports of tweets often keep JSON escapes (`I\u2019ll`) as literal text.
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      .replace(/[’‘]/g, "'")
  );
}

/** Splits camel-cased hashtags (`#NichtMeinKanzler` → `nicht mein kanzler`) into folded words. */
export function splitHashtag(tag: string): string[] {
  const body = tag.replace(/^#/, '');
  const parts = body.split(/(?<=\p{Ll})(?=\p{Lu})|_/u).filter(Boolean);
  return parts.map((p) => foldText(p));
}

/**
 * Tokenises a post. Words and hashtags are folded (see {@link foldText}) and stretched
 * letters squeezed to two; emoji and emoticons stay as written.
 */
export function tokenize(text: string): Token[] {
  const decoded = decodeEntities(text);
  const letters = decoded.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  // A post written entirely in capitals is not shouting any single word.
  const allCaps = letters.length > 0 && upper / letters.length > 0.7;
  const tokens: Token[] = [];
  for (const m of decoded.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const raw = m[0];
    if (g.url) tokens.push(plain('url', 'URL', raw));
    else if (g.mention) tokens.push(plain('mention', 'USER', raw));
    else if (g.hashtag) {
      const folded = foldText(raw.slice(1));
      const squeezed = squeezeRuns(folded);
      tokens.push({ kind: 'hashtag', norm: squeezed, raw, elongated: squeezed !== folded, shouted: false });
    } else if (g.emoticon) tokens.push(plain('emoticon', raw, raw));
    else if (g.emoji) tokens.push(plain('emoji', raw.replace(/\uFE0F/g, ''), raw));
    else if (g.word) {
      const folded = foldText(raw);
      const squeezed = squeezeRuns(folded);
      const shouted = !allCaps && raw.length >= 3 && /^\p{Lu}+$/u.test(raw);
      tokens.push({ kind: 'word', norm: squeezed, raw, elongated: squeezed !== folded, shouted });
    } else tokens.push(plain('punct', raw, raw));
  }
  return tokens;
}

function plain(kind: TokenKind, norm: string, raw: string): Token {
  return { kind, norm, raw, elongated: false, shouted: false };
}
