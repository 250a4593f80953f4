/**
 * Report generation: the monthly report of a workspace with a busy history — 6 channels on two
 * networks, every catalogue KPI per channel, per network and for the workspace, 400 days, 20 SMART
 * goals — built from the database (report data), rendered to PDF, and sent by the scheduled
 * dispatch (PDF + one outbox mail per recipient, in one transaction); plus the strategy document
 * as PDF and DOCX.
 *
 *   npm run bench:reports        (BENCH_RUNS, default 15)
 *
 * Prints a table and `BENCH reports.generate {...}`, `BENCH reports.dispatch {...}`,
 * `BENCH strategy.document {...}`.
 */
import { addDays } from '../common/local-date.ts';
import { KPI_KEYS } from '../common/kpi-catalogue.ts';
import { buildReportData } from '../server/modules/reporting/report-data.ts';
import { dispatchDueReports } from '../server/modules/reporting/report-dispatch.ts';
import { renderReportPdf } from '../server/modules/reporting/report-pdf.ts';
import { createReport, loadReport, specOf } from '../server/modules/reporting/reporting.service.ts';
import { renderStrategyDocx } from '../server/modules/reporting/strategy-document-docx.ts';
import { renderStrategyPdf } from '../server/modules/reporting/strategy-document-pdf.ts';
import { SYSTEM_ACTOR } from '../server/modules/audit/audit.service.ts';
import { channels } from '../server/modules/publishing/publishing.schema.ts';
import { storeKpiValues, type KpiSample } from '../server/modules/strategy/kpi-series.ts';
import { strategyDocument } from '../server/modules/strategy/strategy-document.service.ts';
import { createItem } from '../server/modules/strategy/strategy-items.service.ts';
import { kindOf } from '../server/modules/strategy/strategy-kinds.ts';
import { buildWorkspace } from '../server/test/factories.ts';
import { benchContext, openBenchDb } from './listening-bench-db.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DAYS = 400;
const now = new Date('2025-04-01T06:30:00Z'); // 08:30 in Berlin on the 1st: March is due
const clock = { now: () => now };
const db = await openBenchDb();
const ctx = benchContext(db.database, clock);
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const r1 = (n: number) => Math.round(n * 10) / 10;

try {
  const { workspace } = await buildWorkspace(db.database, 'Bench-Amt');
  const chs = await db.database.db.insert(channels).values(Array.from({ length: 6 }, (_, i) => ({ workspaceId: workspace.id, network: i < 3 ? 'bluesky' : 'mastodon', name: `Kanal ${i + 1}` }))).returning();
  const t0 = performance.now();
  const samples: KpiSample[] = [];
  for (let d = 0; d < DAYS; d++) {
    const date = addDays('2024-02-26', d);
    for (const metric of KPI_KEYS) {
      const perChannel = ['followers', 'posts_published', 'engagements', 'engagement_rate', 'follower_growth', 'inbox_first_response_minutes', 'inbox_within_target_share', 'impressions', 'link_clicks'].includes(metric);
      const v = (k: number) => Math.abs(Math.sin(d * 0.1 + k)) * 100 + k;
      if (perChannel) {
        chs.forEach((c, k) => samples.push({ metric, channel: c.id, date, value: r1(v(k)) }));
        samples.push({ metric, channel: 'bluesky', date, value: r1(v(10)) }, { metric, channel: 'mastodon', date, value: r1(v(11)) });
      }
      samples.push({ metric, channel: null, date, value: r1(v(12)) });
    }
  }
  for (let i = 0; i < samples.length; i += 5000) await db.database.db.transaction((tx) => storeKpiValues(tx, workspace.id, 'bench', samples.slice(i, i + 5000), now));
  const seedMs = performance.now() - t0;

  const { meta, report } = await db.database.db.transaction(async (tx) => {
    const m = await createItem(tx, clock, SYSTEM_ACTOR, kindOf('meta-goals'), workspace.id, { title: 'Informieren' });
    for (let i = 0; i < 20; i++) {
      await createItem(tx, { now: () => new Date('2025-01-01T10:00:00Z') }, SYSTEM_ACTOR, kindOf('goals'), workspace.id, {
        metaGoalId: m.id, title: `Ziel ${i + 1}`, metric: KPI_KEYS[i % KPI_KEYS.length], channels: i % 2 ? ['bluesky'] : [], baseline: 10, targetValue: 500, startDate: '2025-01-01', deadline: '2025-12-31',
      });
    }
    const r = await createReport(tx, { now: () => new Date('2025-02-01T10:00:00Z') }, SYSTEM_ACTOR, workspace.id, { name: 'Leitung', scheduleEnabled: true, recipients: ['a@example.org', 'b@example.org', 'c@example.org'] });
    return { meta: m, report: r };
  });
  void meta;
  const spec = specOf(await loadReport(db.database.db, workspace.id, report.id));

  // Warm-up (JIT, font metrics).
  await renderReportPdf(await buildReportData(db.database.db, workspace.id, spec, now), 'Europe/Berlin');
  const dataMs: number[] = [];
  const pdfMs: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = performance.now();
    const data = await buildReportData(db.database.db, workspace.id, spec, now);
    const b = performance.now();
    const pdf = await renderReportPdf(data, 'Europe/Berlin');
    const c = performance.now();
    dataMs.push(b - a);
    pdfMs.push(c - b);
    bytes = pdf.length;
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  }

  const d0 = performance.now();
  const sent = await dispatchDueReports({ database: db.database, clock, publicUrl: 'https://resonanz.example.org' });
  const dispatchMs = performance.now() - d0;

  const docPdfMs: number[] = [];
  const docxMs: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    const doc = await strategyDocument(db.database.db, workspace.id, now, 'de');
    const a = performance.now();
    await renderStrategyPdf(doc.document, doc.organisation, '2025-04-01');
    const b = performance.now();
    await renderStrategyDocx(doc.document, doc.organisation);
    docPdfMs.push(b - a);
    docxMs.push(performance.now() - b);
  }

  const rows = [
    ['KPI rows in the workspace', String(samples.length), `seeded in ${Math.round(seedMs)} ms`],
    ['report data (p50 / p95)', `${Math.round(q(dataMs, 0.5))} / ${Math.round(q(dataMs, 0.95))} ms`, `${RUNS} runs`],
    ['report PDF (p50 / p95)', `${Math.round(q(pdfMs, 0.5))} / ${Math.round(q(pdfMs, 0.95))} ms`, `${pages} pages, ${Math.round(bytes / 1024)} KiB`],
    ['scheduled dispatch (1 report, 3 recipients)', `${Math.round(dispatchMs)} ms`, `sent ${sent.sent}`],
    ['strategy document PDF / DOCX (p50)', `${Math.round(q(docPdfMs, 0.5))} / ${Math.round(q(docxMs, 0.5))} ms`, ''],
  ];
  console.table(rows.map(([what, value, note]) => ({ what, value, note })));
  console.log(`BENCH reports.generate ${JSON.stringify({ kpi_rows: samples.length, goals: 20, data_p50_ms: Math.round(q(dataMs, 0.5)), data_p95_ms: Math.round(q(dataMs, 0.95)), pdf_p50_ms: Math.round(q(pdfMs, 0.5)), pdf_p95_ms: Math.round(q(pdfMs, 0.95)), pdf_pages: pages, pdf_kib: Math.round(bytes / 1024) })}`);
  console.log(`BENCH reports.dispatch ${JSON.stringify({ reports: sent.sent, recipients: 3, ms: Math.round(dispatchMs) })}`);
  console.log(`BENCH strategy.document ${JSON.stringify({ pdf_p50_ms: Math.round(q(docPdfMs, 0.5)), docx_p50_ms: Math.round(q(docxMs, 0.5)) })}`);
} finally {
  await ctx.events.close();
  await db.close();
}
