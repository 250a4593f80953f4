import { describe, expect, it } from 'vitest';
import { createCollapser } from './collapse.ts';

/** A run that resolves when told to, counting its starts. */
function gate() {
  const releases: ((v: string) => void)[] = [];
  let starts = 0;
  const run = () => {
    const n = ++starts;
    return new Promise<string>((r) => releases.push(() => r(`run ${n}`)));
  };
  return { run, release: (i: number) => releases[i]!(''), started: () => starts };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('createCollapser', () => {
  it('runs alone when nothing is in flight', async () => {
    const c = createCollapser<string>();
    const g = gate();
    const a = c('k', g.run);
    expect(g.started()).toBe(1);
    g.release(0);
    expect(await a).toBe('run 1');
  });

  it('callers arriving during a run share the next run, which starts after they arrived', async () => {
    const c = createCollapser<string>();
    const g = gate();
    const first = c('k', g.run);
    const late = [c('k', g.run), c('k', g.run), c('k', g.run)];
    expect(g.started()).toBe(1); // the late callers do not join the run already under way
    g.release(0);
    expect(await first).toBe('run 1');
    await tick();
    expect(g.started()).toBe(2);
    const even = c('k', g.run); // arrives while run 2 is in flight: queues for run 3
    g.release(1);
    expect(await Promise.all(late)).toEqual(['run 2', 'run 2', 'run 2']);
    await tick();
    expect(g.started()).toBe(3);
    g.release(2);
    expect(await even).toBe('run 3');
  });

  it('keeps keys apart', async () => {
    const c = createCollapser<string>();
    const g = gate();
    const a = c('a', g.run);
    const b = c('b', g.run);
    expect(g.started()).toBe(2);
    g.release(0);
    g.release(1);
    expect(await Promise.all([a, b])).toEqual(['run 1', 'run 2']);
  });

  it('a failed run fails only its callers; the queue goes on', async () => {
    const c = createCollapser<string>();
    let n = 0;
    let fail!: (e: Error) => void;
    const failing = () => new Promise<string>((_, rej) => (fail = rej));
    const first = c('k', failing);
    const next = c('k', async () => `ok ${++n}`);
    fail(new Error('db down'));
    await expect(first).rejects.toThrow('db down');
    expect(await next).toBe('ok 1');
    expect(await c('k', async () => `ok ${++n}`)).toBe('ok 2'); // nothing left behind
  });
});
