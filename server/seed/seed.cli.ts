import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createLogger } from '../logger.ts';
import { createAppContext } from '../app-context.ts';
import { seedDemo } from './demo.seed.ts';

export async function seedCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const handle = await openDatabase(config, { log: () => undefined });
  try {
    const ctx = createAppContext(config, handle.database, log);
    const r = await seedDemo(ctx);
    console.log(r.created ? `demo workspace created — login ${r.email} / ${r.password}` : `demo workspace exists — login ${r.email} / ${r.password}`);
  } finally {
    await handle.close();
  }
}
