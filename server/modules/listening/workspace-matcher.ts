/**
 * In-process matcher: one {@link QueryIndex} per workspace, built from the enabled saved queries
 * and rebuilt when queries change (the query routes call `invalidate`; other processes notice
 * through the periodic version check).
 */
import { and, eq, max } from 'drizzle-orm';
import { parseQuery, QueryIndex, type AnalyzedPost } from '../../../common/query/index.ts';
import type { Database } from '../../db/client.ts';
import { listeningQueries } from './listening.schema.ts';

interface Entry {
  index: QueryIndex<string>;
  version: string;
  loadedAt: number;
}

export class WorkspaceMatcher {
  readonly #database: Database;
  readonly #entries = new Map<string, Promise<Entry>>();
  readonly #recheckMs: number;

  constructor(database: Database, opts: { recheckMs?: number } = {}) {
    this.#database = database;
    this.#recheckMs = opts.recheckMs ?? 30_000;
  }

  /** Drops the cached index of a workspace; the next match rebuilds it. */
  invalidate(workspaceId: string): void {
    this.#entries.delete(workspaceId);
  }

  /** The ids of the workspace's enabled queries that match the post. */
  async match(workspaceId: string, post: AnalyzedPost): Promise<string[]> {
    return (await this.indexFor(workspaceId)).match(post);
  }

  async indexFor(workspaceId: string): Promise<QueryIndex<string>> {
    let p = this.#entries.get(workspaceId);
    if (p) {
      const entry = await p;
      if (Date.now() - entry.loadedAt < this.#recheckMs) return entry.index;
      // Another process may have changed queries: a cheap version probe decides on a reload.
      if ((await this.#version(workspaceId)) === entry.version) {
        entry.loadedAt = Date.now();
        return entry.index;
      }
      this.#entries.delete(workspaceId);
    }
    p = this.#load(workspaceId);
    this.#entries.set(workspaceId, p);
    p.catch(() => this.#entries.delete(workspaceId));
    return (await p).index;
  }

  async #version(workspaceId: string): Promise<string> {
    const [r] = await this.#database.db
      .select({ v: max(listeningQueries.updatedAt) })
      .from(listeningQueries)
      .where(eq(listeningQueries.workspaceId, workspaceId));
    const count = await this.#database.db.$count(listeningQueries, eq(listeningQueries.workspaceId, workspaceId));
    return `${r?.v?.toISOString() ?? ''}/${count}`;
  }

  async #load(workspaceId: string): Promise<Entry> {
    const version = await this.#version(workspaceId);
    const rows = await this.#database.db
      .select({ id: listeningQueries.id, query: listeningQueries.query })
      .from(listeningQueries)
      .where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.enabled, true)));
    const index = new QueryIndex<string>();
    for (const r of rows) {
      const parsed = parseQuery(r.query);
      // Stored queries were validated on save; one that no longer parses is skipped, not fatal.
      if (parsed.ok) index.add(r.id, parsed.ast);
    }
    return { index, version, loadedAt: Date.now() };
  }
}

const matchers = new WeakMap<Database, WorkspaceMatcher>();

/** The shared matcher of a database handle (routes and ingest workers see the same index). */
export function matcherFor(database: Database): WorkspaceMatcher {
  let m = matchers.get(database);
  if (!m) matchers.set(database, (m = new WorkspaceMatcher(database)));
  return m;
}
