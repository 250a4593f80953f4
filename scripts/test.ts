/**
 * `npm test`: type-check, build the web app (the e2e tests drive the real build), then every
 * vitest project — unit, integration (real PostgreSQL), e2e (Debian's chromium). Ends with one
 * plain line "tests: N passed, N failed" so CI logs can be read at a glance.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
const bin = (name: string) => join('node_modules', '.bin', name);
const t0 = Date.now();

const steps: [string, string, string[]][] = [
  ['type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['web build', bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
];
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  const r = run(cmd, args);
  if (r.status !== 0) {
    console.error(`✖ ${name} failed`);
    process.exit(r.status ?? 1);
  }
}

const out = join(mkdtempSync(join(tmpdir(), 'resonanz-vitest-')), 'results.json');
console.log('\n▶ tests (unit, integration, e2e)');
const r = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)]);
try {
  const res = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTotalTests: number };
  console.log(`\nduration: ${Math.round((Date.now() - t0) / 1000)} s`);
  console.log(`tests: ${res.numPassedTests} passed, ${res.numFailedTests} failed${res.numPendingTests ? `, ${res.numPendingTests} skipped` : ''}`);
  if (res.numTotalTests === 0) process.exit(1);
} catch {
  console.error('no test results were written');
  process.exit(r.status || 1);
}
process.exit(r.status ?? 1);
