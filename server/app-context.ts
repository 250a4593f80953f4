/**
 * The one place where the outside world of a process is assembled (configuration, database,
 * instance secrets, mailer, clock, log), so `start`, `worker` and `seed` cannot drift apart.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { createSecrets, loadMasterKey } from './crypto/secrets.ts';
import type { Database } from './db/client.ts';
import { systemClock, type AppContext } from './http/context.ts';
import { createMailer } from './modules/mail/mailer.ts';
import { createEventBus } from './modules/realtime/event-bus.ts';

export function createAppContext(config: Config, database: Database, log: FastifyBaseLogger): AppContext {
  return {
    config,
    database,
    secrets: createSecrets(loadMasterKey(config.RESONANZ_SECRET, config.dataDir)),
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, database, log, keepDevCopy: config.DEV_MAILBOX_COPY && config.NODE_ENV !== 'production' }),
    clock: systemClock,
    log,
    events: createEventBus(database, { log: (m, d) => log.warn(d ?? {}, m) }),
  };
}
