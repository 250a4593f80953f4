import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNdjson } from './nlp.cli.ts';

const CLI = new URL('../../../cli.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'resonanz-nlp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(content: string): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `in-${Math.random().toString(36).slice(2)}.ndjson`);
  writeFileSync(file, content);
  const r = spawnSync(process.execPath, [CLI, 'nlp', 'analyze', '--input', file], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('resonanz nlp analyze', () => {
  it('prints one result per valid line, reports bad lines with their number and exits 0', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Das ist wirklich nicht gut, ich bin sehr enttäuscht.' }),
      '{not json',
      JSON.stringify({ id: 2, text: 'What a wonderful day, thank you so much! 😍' }),
      '',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'c', text: '' }),
    ].join('\n');
    const r = runCli(input);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: 'a', lang: 'de', sentiment: 'negative' });
    expect(lines[1]).toMatchObject({ id: 2, lang: 'en', sentiment: 'positive' });
    expect(lines[2]).toEqual({ id: 'c', lang: null, sentiment: 'neutral', score: 0 });
    for (const l of lines) expect(Object.keys(l)).toEqual(['id', 'lang', 'sentiment', 'score']);
    expect(r.stderr).toMatch(/line 2: invalid JSON/);
    expect(r.stderr).toMatch(/line 5: .*"text"/);
  });

  it('exits non-zero when the input file cannot be read', () => {
    const r = spawnSync(process.execPath, [CLI, 'nlp', 'analyze', '--input', join(dir, 'missing.ndjson')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot read/);
  });
});

describe('analyzeNdjson', () => {
  it('returns the number of skipped lines', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const skipped = await analyzeNdjson(['{"id":1,"text":"gut"}', 'x', '[]'], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(skipped).toBe(2);
    expect(out).toHaveLength(1);
    expect(err).toEqual([expect.stringMatching(/^line 2:/), expect.stringMatching(/^line 3:/)]);
  });
});
