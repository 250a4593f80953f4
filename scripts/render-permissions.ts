/**
 * `npm run docs:permissions`: writes docs/permissions.md from common/permissions.ts.
 * `--check` exits 1 when the committed file is out of date instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PERMISSIONS_DOC_PATH, renderPermissionsDoc } from './permissions-doc.ts';

const file = fileURLToPath(new URL(`../${PERMISSIONS_DOC_PATH}`, import.meta.url));
const doc = renderPermissionsDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = '';
  }
  if (current !== doc) {
    console.error(`${PERMISSIONS_DOC_PATH} is out of date: run npm run docs:permissions`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(file, doc);
  console.log(`wrote ${PERMISSIONS_DOC_PATH}`);
}
