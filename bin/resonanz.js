#!/usr/bin/env node
// Entry of the `resonanz` bin. Resonanz targets Node 24 (native TypeScript type stripping);
// when invoked by an older system node, re-run ourselves with the pinned Node 24 from the
// `node` dev dependency so `npx resonanz …` works on a machine that ships Node 20.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    console.error(`Resonanz needs Node 24 or newer (found ${process.version}). Run "npm ci" first.`);
    process.exit(1);
  }
  const r = spawnSync(pinned, [join(root, 'server', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  await import(pathToFileURL(join(root, 'server', 'cli.ts')).href);
}
