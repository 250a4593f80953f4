/**
 * SLA benchmark (pure, no database): due dates for items as the inbox computes them at ingestion
 * (loadSlaContext once per batch, then dueDatesWith per item: four service-hours additions each),
 * and the service minutes between arrival and reply. Items arrive at random instants over two
 * years (nights, weekends, Bavarian holidays, both DST changes). Env: BENCH_ITEMS (default 200000).
 * Prints `BENCH sla.due_dates {"items":…,"items_per_s":…,"p99_us":…}` and
 * `BENCH sla.service_minutes {"pairs":…,"pairs_per_s":…}`.
 */
import { holidayOn } from '../server/modules/sla/holidays.ts';
import { serviceMinutesBetween } from '../server/modules/sla/service-hours.ts';
import { DEFAULT_HOURS, dueDatesWith, type SlaContext } from '../server/modules/sla/sla-targets.ts';

const N = Number(process.env.BENCH_ITEMS ?? 200_000);
const ctx: SlaContext = {
  calendar: { timeZone: 'Europe/Berlin', hours: DEFAULT_HOURS, isClosed: (d) => holidayOn('BY', d) !== null },
  warnAtPercent: 80, defaults: { firstResponseMinutes: 60, resolutionMinutes: 1200 },
  policies: [{ channelId: 'c1', priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 240 }], strategyMinutes: new Map([['c2', 120]]), crisis: null,
};
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const start = Date.UTC(2025, 0, 1);
const span = 2 * 365 * 86_400_000;
const items = Array.from({ length: N }, () => ({ channelId: ['c1', 'c2', 'c3'][Math.floor(rnd() * 3)]!, priority: ['normal', 'urgent', 'low'][Math.floor(rnd() * 3)]!, receivedAt: new Date(start + rnd() * span) }));

// Warm up (holiday tables per year, JIT).
for (let i = 0; i < 2000; i++) dueDatesWith(ctx, items[i % N]!);

const samples: number[] = [];
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const s = performance.now();
  dueDatesWith(ctx, items[i]!);
  if (i % 50 === 0) samples.push(performance.now() - s);
}
const secs = (performance.now() - t0) / 1000;
samples.sort((a, b) => a - b);
const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
const due = { items: N, items_per_s: Math.round(N / secs), p50_us: Math.round(p(0.5) * 1000), p99_us: Math.round(p(0.99) * 1000) };

const pairs = Math.min(N, 100_000);
const t1 = performance.now();
let total = 0;
for (let i = 0; i < pairs; i++) {
  const a = items[i]!.receivedAt;
  total += serviceMinutesBetween(a, new Date(a.getTime() + rnd() * 5 * 86_400_000), ctx.calendar);
}
const secs2 = (performance.now() - t1) / 1000;
const minutes = { pairs, pairs_per_s: Math.round(pairs / secs2), mean_service_minutes: Math.round(total / pairs) };

console.table({ 'sla.due_dates': due, 'sla.service_minutes': minutes });
console.log(`BENCH sla.due_dates ${JSON.stringify(due)}`);
console.log(`BENCH sla.service_minutes ${JSON.stringify(minutes)}`);
