import { loadConfig } from '../config.ts';
import { createSecrets, loadMasterKey } from '../crypto/secrets.ts';
import { openDatabase } from '../db/open.ts';
import { systemClock } from '../http/context.ts';
import { createLogger } from '../logger.ts';
import { createMailer } from '../modules/mail/mailer.ts';
import { seedDemo } from './demo.seed.ts';

export async function seedCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const handle = await openDatabase(config, { log: () => undefined });
  try {
    const ctx = { config, database: handle.database, secrets: createSecrets(loadMasterKey(config.RESONANZ_SECRET, config.dataDir)), mailer: createMailer({ from: config.MAIL_FROM, database: handle.database, log }), clock: systemClock, log };
    const r = await seedDemo(ctx);
    console.log(r.created ? `demo workspace created — login ${r.email} / ${r.password}` : `demo workspace exists — login ${r.email} / ${r.password}`);
  } finally {
    await handle.close();
  }
}
