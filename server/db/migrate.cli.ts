import { loadConfig } from '../config.ts';
import { openDatabase } from './open.ts';

export async function migrateCommand(): Promise<void> {
  const handle = await openDatabase(loadConfig(), { log: () => undefined });
  console.log('migrations applied');
  await handle.close();
}
