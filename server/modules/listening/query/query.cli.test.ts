import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'resonanz-query-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'query', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function input(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('resonanz query check', () => {
  it('prints the normalised form and exits 0', () => {
    const r = run('check', 'Müller -spam OR #Klima');
    expect(r).toEqual({ code: 0, stdout: '(mueller AND NOT spam) OR #klima\n', stderr: '' });
  });

  it('prints the error with its column to stderr and exits 2', () => {
    const r = run('check', 'klima AND');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error at column 7: dangling operator 'AND'\n");
  });
});

describe('resonanz query match', () => {
  it('prints matching ids in input order and reports invalid lines with their number', () => {
    const path = input('posts.ndjson', [
      JSON.stringify({ id: 'p1', text: 'Die Straße ist gesperrt' }),
      '{ not json',
      JSON.stringify({ id: 'p2', text: 'nichts' }),
      '',
      JSON.stringify({ id: 3, text: 'STRASSE', lang: 'de' }),
      JSON.stringify({ text: 'ohne id' }),
      JSON.stringify({ id: 'p4', text: 'strasse', lang: 'en' }),
    ]);
    const r = run('match', 'strasse lang:de OR straße -gesperrt', '--input', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3\np4\n');
    expect(r.stderr).toMatch(/^line 2: invalid JSON .*skipped\nline 6: missing "id", skipped\n$/);
  });

  it('uses every field of the input line', () => {
    const path = input('fields.ndjson', [
      JSON.stringify({ id: 'a', text: 'x', author: '@anna@social.example', source: 'mastodon', url: 'https://blog.example.org/1', title: 'Eilmeldung' }),
      JSON.stringify({ id: 'b', text: 'x', author: 'bob', source: 'rss' }),
    ]);
    const r = run('match', 'author:anna source:mastodon site:example.org title:eilmeldung', '--input', path);
    expect(r).toEqual({ code: 0, stdout: 'a\n', stderr: '' });
  });

  it('exits 2 for an invalid query without reading the input', () => {
    const r = run('match', '(a OR b', '--input', join(dir, 'missing.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error at column 1: unbalanced parentheses: '(' is never closed\n");
  });

  it('exits 1 when the input cannot be read', () => {
    const r = run('match', 'a', '--input', join(dir, 'missing.ndjson'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read/);
  });
});
