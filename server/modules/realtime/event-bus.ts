/**
 * Live events for the web app (new inbox items, a target that was published, a notification …).
 * Events travel through PostgreSQL `NOTIFY`, so an event emitted by a worker process reaches the
 * browsers connected to any web process, and an event emitted inside a transaction is delivered
 * only when that transaction commits (a rolled-back change is never announced).
 *
 * Events are small hints ("inbox item X changed"), not the data itself: the client refetches what
 * it shows through the normal, permission-checked API. So a lost event (reconnect, restart) costs
 * freshness, never correctness — the client refetches everything after a reconnect.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Permission } from '../../../common/permissions.ts';
import type { Database, Tx } from '../../db/client.ts';

export const EVENTS_CHANNEL = 'resonanz_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger `data` is dropped, the hint stays. */
const MAX_PAYLOAD = 7000;

export interface RealtimeEvent {
  workspaceId: string;
  /** Dotted name, e.g. `notification.created`, `publishing.target.updated`, `inbox.item.created`. */
  type: string;
  /** Only members holding this permission receive the event (checked per connection). */
  permission?: Permission;
  /** Only these users receive the event (e.g. their own notification). */
  userIds?: string[];
  /** Small hint for the client: ids and states, never content or personal data. */
  data?: Record<string, string | number | boolean | null>;
}

export type EventListener = (e: RealtimeEvent) => void;

export interface EventBus {
  /** Emits inside `tx` (delivered at commit) or right away when `tx` is the plain database handle. */
  emit(tx: Tx, e: RealtimeEvent): Promise<void>;
  /** Listens to one workspace's events; returns the unsubscribe function. */
  subscribe(workspaceId: string, fn: EventListener): () => void;
  /** Resolves once the LISTEN connection is open (events emitted after it are delivered). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export function encodeEvent(e: RealtimeEvent): string {
  const full = JSON.stringify(e);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD) return full;
  const { data: _dropped, ...hint } = e;
  return JSON.stringify(hint);
}

export function decodeEvent(payload: string): RealtimeEvent | null {
  try {
    const e = JSON.parse(payload) as RealtimeEvent;
    return typeof e?.workspaceId === 'string' && typeof e.type === 'string' ? e : null;
  } catch {
    return null;
  }
}

interface Options {
  /** How long to wait before re-opening a dropped LISTEN connection. */
  reconnectMs?: number;
  log?: (msg: string, data?: object) => void;
}

/**
 * The PostgreSQL-backed bus. The LISTEN connection is opened on the first subscription (processes
 * that only emit — workers, the CLI — never hold one) and re-opened after a connection loss.
 */
export function createEventBus(database: Database, opts: Options = {}): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const dispatch = (payload: string | undefined) => {
    const e = payload ? decodeEvent(payload) : null;
    if (!e) return;
    for (const fn of listeners.get(e.workspaceId) ?? []) {
      try {
        fn(e);
      } catch (err) {
        opts.log?.('realtime listener failed', { err: String(err) });
      }
    }
  };

  const connect = (): Promise<void> => {
    if (client || connecting || closed) return connecting ?? Promise.resolve();
    const options = (database.pool as unknown as { options: pg.ClientConfig }).options;
    const c = new pg.Client({ ...options, application_name: 'resonanz-events' });
    connecting = (async () => {
      try {
        c.on('notification', (m) => m.channel === EVENTS_CHANNEL && dispatch(m.payload));
        c.on('error', () => drop(c));
        c.on('end', () => drop(c));
        await c.connect();
        await c.query(`LISTEN ${EVENTS_CHANNEL}`);
        if (closed) await c.end().catch(() => undefined);
        else client = c;
      } catch (err) {
        opts.log?.('realtime connection failed, retrying', { err: String(err) });
        await c.end().catch(() => undefined);
        schedule();
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };
  const drop = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    c.end().catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    if (closed || retry || listeners.size === 0) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, opts.reconnectMs ?? 1000);
    retry.unref();
  };

  return {
    async emit(tx, e) {
      await tx.execute(sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${encodeEvent(e)})`);
    },
    subscribe(workspaceId, fn) {
      let set = listeners.get(workspaceId);
      if (!set) listeners.set(workspaceId, (set = new Set()));
      set.add(fn);
      void connect();
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(workspaceId);
      };
    },
    listening: () => connect(),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listeners.clear();
      await connecting;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
