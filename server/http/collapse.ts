/**
 * Collapsing identical concurrent reads. A live event makes every open inbox of a workspace refetch
 * the same list at the same moment; each of those requests running its own query, row decoding and
 * serialisation is the thundering herd that made the list the server's bottleneck.
 *
 * Callers with the same key share one run, but a caller only ever joins a run that *starts after it
 * arrived*: while a run is in flight, new callers queue for the next one. So every caller sees every
 * write committed before its request arrived (read-your-writes holds, in any process), at the cost of
 * waiting for at most one run in flight. A failed run fails only its own callers.
 */
export type Collapsed<V> = (key: string, run: () => Promise<V>) => Promise<V>;

export function createCollapser<V>(): Collapsed<V> {
  const running = new Map<string, Promise<V>>();
  const queued = new Map<string, Promise<V>>();
  const start = (key: string, run: () => Promise<V>): Promise<V> => {
    const p = run().finally(() => {
      if (running.get(key) === p) running.delete(key);
    });
    running.set(key, p);
    return p;
  };
  return (key, run) => {
    const next = queued.get(key);
    if (next) return next;
    const current = running.get(key);
    if (!current) return start(key, run);
    const p = current.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      queued.delete(key);
      return start(key, run);
    });
    queued.set(key, p);
    return p;
  };
}
