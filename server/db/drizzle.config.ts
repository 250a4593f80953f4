import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the schema diff; migrations are committed
// and reviewed, never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
