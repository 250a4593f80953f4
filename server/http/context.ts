import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Secrets } from '../crypto/secrets.ts';
import type { Mailer } from '../modules/mail/mailer.ts';
import type { EventBus } from '../modules/realtime/event-bus.ts';

/** The clock is injected so scheduling and expiry logic can be tested across DST and time jumps. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Everything a module needs from the outside world, created once at start. */
export interface AppContext {
  config: Config;
  database: Database;
  secrets: Secrets;
  mailer: Mailer;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Live events to connected browsers (PostgreSQL NOTIFY; see modules/realtime). */
  events: EventBus;
}
