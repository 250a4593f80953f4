/**
 * Keys of a post's metadata fields (language, author, site), shared by the analyser and the
 * parser so that `lang:de`, `author:@anna` and `site:www.example.org` are normalised alike.
 */
import { foldText } from './fold.ts';

/** `user@instance` → [`user@instance`, `user@`]; a leading `@` is dropped. */
export function handleKeys(handle: string): string[] {
  const h = foldText(handle.trim().replace(/^[@\uff20]/, ''));
  if (h === '') return [];
  const at = h.indexOf('@');
  return at > 0 ? [h, h.slice(0, at + 1)] : [h];
}

/** The host of a URL (with or without scheme), lower-case, without port and user info. */
export function hostOf(url: string): string {
  const scheme = url.indexOf('://');
  let start = scheme >= 0 && /^[a-z][a-z0-9+.-]*$/i.test(url.slice(0, scheme)) ? scheme + 3 : 0;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break; // / ? #
    end++;
  }
  const at = url.lastIndexOf('@', end - 1);
  if (at >= start) start = at + 1;
  let host = url.slice(start, end).toLowerCase();
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && /^\d*$/.test(host.slice(colon + 1))) host = host.slice(0, colon);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** `a.b.example.org` → [`a.b.example.org`, `b.example.org`, `example.org`, `org`]. */
export function domainSuffixes(host: string): string[] {
  const out: string[] = [];
  let h = host;
  while (h !== '') {
    out.push(h);
    const dot = h.indexOf('.');
    if (dot < 0) break;
    h = h.slice(dot + 1);
  }
  return out;
}

/** `de-AT` → [`de-at`, `de`]. */
export function langKeys(lang: string): string[] {
  const l = lang.trim().toLowerCase().replace(/_/g, '-');
  if (l === '') return [];
  const dash = l.indexOf('-');
  return dash > 0 ? [l, l.slice(0, dash)] : [l];
}

/** Every host of the links and each of its parent domains, each once. */
export function sitesOf(links: readonly string[]): string[] {
  if (links.length === 0) return [];
  if (links.length === 1) return domainSuffixes(hostOf(links[0]!));
  const set = new Set<string>();
  for (const link of links) for (const s of domainSuffixes(hostOf(link))) set.add(s);
  return [...set];
}

// Languages, authors and sources repeat across a stream; their keys are computed once.
const KEY_CACHE_LIMIT = 20_000;

/** A bounded memo of a key function (cleared when full: cheap, and fine for repetitive keys). */
export function keyCache(compute: (k: string) => string[]): (key: string) => string[] {
  const cache = new Map<string, string[]>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = compute(key);
      if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}
