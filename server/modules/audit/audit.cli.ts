import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/open.ts';
import { verifyAuditChain } from './audit-verify.ts';

/** `resonanz audit verify`: exit 0 when the chain is intact, 1 naming the first broken row. */
export async function auditVerifyCommand(): Promise<number> {
  const config = loadConfig();
  const handle = await openDatabase(config, { log: () => undefined });
  try {
    const r = await verifyAuditChain(handle.database.db);
    if (r.ok) {
      console.log(`audit trail intact: ${r.rows} rows verified`);
      return 0;
    }
    console.error(`audit trail BROKEN at row id ${r.brokenAt} (${r.reason === 'hash_mismatch' ? 'the row was changed' : 'a row before it was removed or changed'}); ${r.rows - 1} rows before it are intact`);
    return 1;
  } finally {
    await handle.close();
  }
}
