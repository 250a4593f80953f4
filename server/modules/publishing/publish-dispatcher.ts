/**
 * The worker's publish path for many targets at once. Each queue job asks `run(targetId)`; the
 * dispatcher gathers the requests and the results of finished network calls and writes them in
 * publish cycles (publish-cycle.ts), one at a time: each cycle settles what came back and claims
 * what is due, so a burst costs a few dozen transactions — and as many acquisitions of the audit
 * chain lock — instead of two per target, and no slot idles between its settle and the next claim.
 * There is no fixed delay: whatever queued up while a cycle ran goes into the next one.
 *
 * The network calls run concurrently, one per claim, limited by each channel's `maxConcurrency`
 * (counted in the database, so across workers). A job whose channel is full waits here instead of
 * going back to the queue: each settle on that channel brings one waiter into the same cycle that
 * frees the slot; a slot freed with nobody waiting here is announced to the other workers (NOTIFY);
 * a jittered poll by the oldest waiter of each channel covers anything missed; after `busyWaitMs` the
 * job is deferred through the queue.
 */
import type { ClaimOutcome } from './publish-claim.ts';
import { runCycle, type CycleInput, type CycleOutput } from './publish-cycle.ts';
import type { PauseGate } from './publish-gate.ts';
import { callNetwork, CONCURRENCY_RETRY_MS } from './publish-runner.ts';
import type { Claim, RunnerDeps, RunOutcome, SendResult } from './publish-types.ts';

export interface DispatcherOptions {
  /** Most settles, and most claims, per cycle. */
  maxBatch?: number;
  /** How long a job waits here for a free channel slot before it is deferred through the queue. */
  busyWaitMs?: number;
  /** How often a waiting job looks for slots freed by other workers (on average). */
  busyPollMs?: number;
  /** Attempts at a cycle before its callers get the error (the lease and reconciler then cover it). */
  cycleAttempts?: number;
}

export interface DispatcherStats {
  cycles: number;
  cycleMs: number;
  claimed: number;
  settled: number;
  /** Network calls running now. */
  sending: number;
  /** Jobs waiting for a channel slot. */
  waiting: number;
}

export interface Dispatcher {
  /** `channelHint`: the target's channel, when the job knows it (lets a full channel's jobs wait without a query). */
  run(targetId: string, channelHint?: string): Promise<RunOutcome>;
  /** Another worker freed slots of these channels (a notification): their oldest waiters ask now. */
  slotsFreed(channelIds: readonly string[]): void;
  /** Waiting jobs are deferred at once; running calls finish and settle normally. */
  stop(): void;
  stats(): DispatcherStats;
}

interface Request { id: string; since: number; polled: boolean; resolve: (o: RunOutcome) => void; reject: (e: unknown) => void }
interface Settle { claim: Claim; result: SendResult; resolve: (o: RunOutcome) => void; reject: (e: unknown) => void }
/** The jobs waiting for a slot of one channel, oldest first, and when the head next asks. */
interface Queue { list: Request[]; pollAt: number }

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The database's own message and code: the query text and its parameters (post texts) stay out of logs. */
function dbError(err: unknown): string {
  const cause = (err as { cause?: { message?: string; code?: string } })?.cause;
  return cause?.message ? `${cause.message}${cause.code ? ` (${cause.code})` : ''}` : String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200);
}

export function createDispatcher(deps: RunnerDeps & { gate: PauseGate }, opts: DispatcherOptions = {}): Dispatcher {
  const maxBatch = opts.maxBatch ?? 500;
  const busyWaitMs = opts.busyWaitMs ?? 10_000;
  const busyPollMs = opts.busyPollMs ?? 1000;
  const cycleAttempts = opts.cycleAttempts ?? 4;
  const stats = { cycles: 0, cycleMs: 0, claimed: 0, settled: 0, sending: 0 };
  const fresh: Request[] = [];
  const settles: Settle[] = [];
  const waiting = new Map<string, Queue>();
  let waitingCount = 0;
  /** Channels the last cycle found at their limit, with no settle since: new jobs for them wait. */
  const full = new Set<string>();
  let running = false;
  let scheduled = false;
  let stopped = false;
  let pollTimer: NodeJS.Timeout | null = null;

  const kick = () => {
    if (running || scheduled || (fresh.length === 0 && settles.length === 0)) return;
    scheduled = true;
    setImmediate(() => void cycle());
  };

  const defer = (r: Request) => r.resolve({ kind: 'defer', runAt: new Date(deps.clock.now().getTime() + CONCURRENCY_RETRY_MS), reason: 'channel concurrency' });
  const nextPoll = () => performance.now() + busyPollMs * (0.5 + Math.random());

  const park = (r: Request, channelId: string) => {
    if (stopped || performance.now() - r.since >= busyWaitMs) return defer(r);
    let q = waiting.get(channelId);
    if (!q) waiting.set(channelId, (q = { list: [], pollAt: nextPoll() }));
    // A head that asked and found no slot goes back to the front: the queue stays oldest first.
    if (r.polled) q.list.unshift(r);
    else q.list.push(r);
    r.polled = false;
    waitingCount++;
    pollTimer ??= setInterval(poll, Math.max(10, Math.round(busyPollMs / 4)));
    pollTimer.unref?.();
  };

  /** Takes the oldest waiter of a channel out of its queue (null when none). */
  const take = (channelId: string): Request | null => {
    const q = waiting.get(channelId);
    const r = q?.list.shift();
    if (!r) return null;
    waitingCount--;
    if (q!.list.length === 0) waiting.delete(channelId);
    return r;
  };

  /**
   * Per channel only the oldest waiter asks the database (slots another worker freed, or a
   * notification was missed); the others wait for a local settle. Jobs past their wait are deferred.
   */
  const poll = () => {
    const t = performance.now();
    for (const [channelId, q] of waiting) {
      const expired = q.list.filter((r) => t - r.since >= busyWaitMs);
      if (expired.length) {
        q.list = q.list.filter((r) => t - r.since < busyWaitMs);
        waitingCount -= expired.length;
        expired.forEach(defer);
      }
      if (q.list.length === 0) { waiting.delete(channelId); continue; }
      if (q.pollAt <= t) {
        q.pollAt = nextPoll();
        const r = take(channelId)!;
        r.polled = true;
        fresh.push(r);
      }
    }
    if (waitingCount === 0 && pollTimer) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
    kick();
  };

  const attempt = async (input: CycleInput): Promise<CycleOutput> => {
    for (let n = 1; ; n++) {
      try {
        return await runCycle(deps, input);
      } catch (err) {
        // A deadlock victim or a dropped connection: nothing of the cycle happened, run it again.
        if (n >= cycleAttempts) throw err;
        deps.log?.('publish cycle failed, retrying', { err: dbError(err), attempt: n });
        await sleep(100 * 4 ** (n - 1));
      }
    }
  };

  const cycle = async () => {
    scheduled = false;
    running = true;
    const s = settles.splice(0, maxBatch);
    // Each settle frees a slot of its channel: that channel's oldest waiter tries in this very
    // cycle; a slot nobody here waits for is announced to the other workers.
    const woken: Request[] = [];
    const freed: string[] = [];
    for (const it of s) {
      const r = take(it.claim.channel.id);
      if (r) woken.push(r);
      else {
        full.delete(it.claim.channel.id);
        freed.push(it.claim.channel.id);
      }
    }
    const c = [...woken, ...fresh.splice(0, Math.max(0, maxBatch - woken.length))];
    const t0 = performance.now();
    try {
      const out = await attempt({ settles: s, claimIds: c.map((r) => r.id), notifyFreed: freed });
      stats.cycles++;
      stats.cycleMs += performance.now() - t0;
      stats.settled += s.length;
      s.forEach((it, i) => it.resolve(out.settled[i]!));
      for (const r of c) {
        const o: ClaimOutcome = out.claimed.get(r.id)!;
        if (o.kind === 'claimed') {
          stats.claimed++;
          // A head that found a slot: the next waiter of that channel asks right away (more may be free).
          if (r.polled) {
            const next = take(o.claim.channel.id);
            if (next) fresh.push(Object.assign(next, { polled: true }));
          }
          send(o.claim).then(r.resolve, r.reject);
        } else if (o.kind === 'busy') {
          full.add(o.channelId);
          park(r, o.channelId);
        } else if (o.kind === 'blocked') {
          // Rate-limited: nothing of this channel can go before `until` — its waiters go back to the queue now.
          const runAt = o.until;
          r.resolve({ kind: 'defer', runAt, reason: 'channel rate-limited' });
          for (let w = take(o.channelId); w; w = take(o.channelId)) w.resolve({ kind: 'defer', runAt, reason: 'channel rate-limited' });
          full.delete(o.channelId);
        } else r.resolve(o);
      }
    } catch (err) {
      for (const it of s) it.reject(err);
      for (const r of c) r.reject(err);
    } finally {
      running = false;
      kick();
    }
  };

  const send = async (c: Claim): Promise<RunOutcome> => {
    let result: SendResult;
    stats.sending++;
    try {
      // Only a failing pause-gate read throws: nothing was sent, the claim ends with its lease.
      result = await callNetwork(deps, c, deps.providers(c.channel.network));
    } finally {
      stats.sending--;
    }
    return new Promise<RunOutcome>((resolve, reject) => {
      settles.push({ claim: c, result, resolve, reject });
      kick();
    });
  };

  return {
    run(targetId, channelHint) {
      return new Promise<RunOutcome>((resolve, reject) => {
        const r: Request = { id: targetId, since: performance.now(), polled: false, resolve, reject };
        // A hint is only a shortcut: the claim still checks everything; a wrong one costs a poll interval.
        if (channelHint && full.has(channelHint) && !stopped) return park(r, channelHint);
        fresh.push(r);
        kick();
      });
    },
    slotsFreed(channelIds) {
      for (const id of channelIds) {
        full.delete(id);
        const r = take(id);
        if (r) fresh.push(Object.assign(r, { polled: true }));
      }
      kick();
    },
    stop() {
      stopped = true;
      for (const q of waiting.values()) q.list.forEach(defer);
      waiting.clear();
      waitingCount = 0;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
    },
    stats: () => ({ ...stats, waiting: waitingCount }),
  };
}
