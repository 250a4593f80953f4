/**
 * The translation trees: `de.json`/`en.json` for the shell, plus one pair of files per product
 * area in `areas/<area>.<lang>.json`, mounted under the key `<area>` (so the key `publishing.composer.title`
 * reads `areas/publishing.de.json` → `composer.title`). Areas are built in parallel without touching
 * each other's strings.
 */
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export type Tree = { [k: string]: string | string[] | Tree };

const areaFiles = import.meta.glob<{ default: Tree }>('./areas/*.json', { eager: true });

function build(base: Tree, lang: 'de' | 'en'): Tree {
  const out: Tree = { ...base };
  for (const [path, mod] of Object.entries(areaFiles)) {
    const m = /\/([\w-]+)\.(de|en)\.json$/.exec(path);
    if (m && m[2] === lang) out[m[1]!] = mod.default;
  }
  return out;
}

export const translations: Record<'de' | 'en', Tree> = { de: build(de as Tree, 'de'), en: build(en as Tree, 'en') };
