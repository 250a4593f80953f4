/**
 * Configuration from environment variables, validated once at start. A bad value stops the process
 * with a message that names the variable — never a stack trace deep inside a module.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  RESONANZ_DATA_DIR: z.string().min(1).default('./data'),
  /** Media library files; default `<data dir>/media`. */
  RESONANZ_MEDIA_DIR: z.string().min(1).optional(),
  /** Largest accepted upload per image, in MB (a stock Mastodon accepts 16 MB images). */
  RESONANZ_MEDIA_MAX_MB: z.coerce.number().int().min(1).max(200).default(16),
  RESONANZ_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Resonanz <resonanz@localhost>'),
  /** Development: also keep mail sent over SMTP in the dev mailbox (ignored in production). */
  DEV_MAILBOX_COPY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  // Unset: seed the demo workspace with the embedded database, not with DATABASE_URL.
  SEED_DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  AUTH_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  // Live-event streams send a heartbeat (and re-check the member's access) this often; keep it below
  // the idle timeout of a reverse proxy in front of Resonanz.
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** A query alarms at most once per kind within this many minutes. */
  LISTENING_ALERT_COOLDOWN_MIN: z.coerce.number().int().min(1).max(10_080).default(60),
  /** Directory of an ONNX sentiment model (Hugging Face export); unset = the built-in analyzer. */
  RESONANZ_SENTIMENT_MODEL: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string; publicUrl: string; secure: boolean };

export class ConfigError extends Error {}

/** Parses `env`; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (e.g. `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return { ...c, dataDir: resolve(c.RESONANZ_DATA_DIR), publicUrl, secure: publicUrl.startsWith('https:') };
}
