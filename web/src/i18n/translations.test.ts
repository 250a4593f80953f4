/**
 * Both languages carry the same keys, and every literal key the code asks for exists: a missing
 * string would otherwise show up as a raw key in the UI.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../common/permissions.ts';
import { actionKey, AUDIT_ACTIONS } from '../lib/audit-actions.ts';
import { ADMIN, AREAS } from '../nav.ts';
import { translations, type Tree } from './resources.ts';

const { de, en } = translations;

function flatten(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' && !Array.isArray(v) ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** A key is present as-is or as its plural forms (key_one/key_other). */
function has(keys: Set<string>, key: string): boolean {
  return keys.has(key) || (keys.has(`${key}_one`) && keys.has(`${key}_other`)) || [...keys].some((k) => k.startsWith(`${key}.`));
}

const src = fileURLToPath(new URL('..', import.meta.url));
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('translations', () => {
  const deKeys = new Set(flatten(de as Tree));
  const enKeys = new Set(flatten(en as Tree));

  it('German and English have the same keys', () => {
    expect([...deKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !deKeys.has(k))).toEqual([]);
  });

  it('every literal key used in the code exists', () => {
    const used = new Set<string>();
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/i18nKey="([\w.]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !has(deKeys, k))).toEqual([]);
  });

  it('covers the keys built at run time: roles, areas, audit actions', () => {
    const dynamic = [
      ...ROLES.flatMap((r) => [`roles.${r}.name`, `roles.${r}.description`]),
      ...AREAS.flatMap((a) => [`nav.${a.key}`, `areas.${a.key}.short`, `areas.${a.key}.next`]),
      ...ADMIN.map((a) => `nav.${a.key}`),
      ...AUDIT_ACTIONS.map(actionKey),
    ];
    expect(dynamic.filter((k) => !deKeys.has(k))).toEqual([]);
    for (const a of AREAS) {
      expect((de as unknown as { areas: Record<string, { features: string[] }> }).areas[a.key]!.features.length).toBe(
        (en as unknown as { areas: Record<string, { features: string[] }> }).areas[a.key]!.features.length,
      );
    }
  });
});
