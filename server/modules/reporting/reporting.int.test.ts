/**
 * Reports against a real database: the builder's definitions, the report of a period (figures
 * against the previous period, goals as of the period's end), PDF and CSV exports, the explicit
 * empty state, and the scheduled dispatch — once per period even when two workers run it at the
 * same moment, with the PDF attached to each recipient's mail.
 */
import { addDays } from '../../../common/local-date.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import { storeKpiValues, type KpiSample } from '../strategy/kpi-series.ts';
import { pdfText } from './pdf/pdf-text.ts';
import { dispatchDueReports } from './report-dispatch.ts';

const t = await createTestApp();
afterAll(async () => t.close());
// 1 April 2025, 08:30 in Berlin: March is the last complete month, the morning mail may go out.
t.clock.set(new Date('2025-04-01T06:30:00Z'));

const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = `/api/v1/workspaces/${workspace.id}`;
const analyst = await buildMember(t.ctx.database, workspace.id, ['analyst']);
const employee = await buildMember(t.ctx.database, workspace.id, ['employee']);
const c = new TestClient(t.app);
await c.login(owner.email);

// February and March: followers grow on Bluesky, posts on both networks, response times fall.
const samples: KpiSample[] = [];
for (let i = 0; i < 59; i++) {
  const date = addDays('2025-02-01', i);
  samples.push({ metric: 'followers', channel: 'bluesky', date, value: 1000 + i * 10 });
  samples.push({ metric: 'posts_published', channel: 'bluesky', date, value: i >= 28 ? 2 : 1 });
  samples.push({ metric: 'posts_published', channel: 'mastodon', date, value: 1 });
  samples.push({ metric: 'inbox_first_response_minutes', channel: null, date, value: i >= 28 ? 50 : 90 });
}
await t.ctx.database.db.transaction((tx) => storeKpiValues(tx, workspace.id, 'test', samples, t.clock.now()));

const meta = await c.post(`${ws}/strategy/meta-goals`, { title: 'Reichweite' });
const goal = await c.post(`${ws}/strategy/goals`, { metaGoalId: meta.body.id, title: '2.000 Follower auf Bluesky', metric: 'followers', channels: ['bluesky'], baseline: 1000, targetValue: 2000, startDate: '2025-02-01', deadline: '2025-12-31' });
if (goal.status !== 201) throw new Error(goal.text);

const binary = async (url: string) => {
  const r = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  return { status: r.statusCode, type: String(r.headers['content-type']), disposition: String(r.headers['content-disposition'] ?? ''), bytes: r.rawPayload, text: r.body };
};

describe('report definitions', () => {
  it('refuses a schedule without recipients and goals of another workspace, naming the field', async () => {
    const noOne = await c.post(`${ws}/reports`, { name: 'Leitung', scheduleEnabled: true });
    expect(noOne.status).toBe(400);
    expect(noOne.body.errors[0].path).toBe('body.recipients');
    const other = await buildWorkspace(t.ctx.database);
    const oc = new TestClient(t.app);
    await oc.login(other.owner.email);
    const om = await oc.post(`/api/v1/workspaces/${other.workspace.id}/strategy/meta-goals`, { title: 'Fremd' });
    const og = await oc.post(`/api/v1/workspaces/${other.workspace.id}/strategy/goals`, { metaGoalId: om.body.id, title: 'Fremdes Ziel', metric: 'mentions', targetValue: 5, deadline: '2025-12-31' });
    const foreign = await c.post(`${ws}/reports`, { name: 'Leitung', goalIds: [goal.body.id, og.body.id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ path: 'body.goalIds.1', message: 'unknown goal in this workspace' }]);
  });

  it('lets analysts build reports and duty editors only read them; employees see none', async () => {
    const a = new TestClient(t.app);
    await a.login(analyst.email);
    const r = await a.post(`${ws}/reports`, { name: 'Analyse', period: 'weekly' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Analyse', period: 'weekly', language: 'de', scheduleEnabled: false, lastDelivery: null });
    // The week of 1 April 2025 (a Tuesday) began on Monday 31 March; the schedule would send it when it is over.
    expect(r.body.nextPeriod).toEqual({ from: '2025-03-31', to: '2025-04-06' });
    const e = new TestClient(t.app);
    await e.login(employee.email);
    expect((await e.get(`${ws}/reports`)).status).toBe(403);
    expect((await a.delete(`${ws}/reports/${r.body.id}`)).status).toBe(200);
  });
});

describe('the report of a period', () => {
  let reportId = '';
  it('compares March with February and shows the goal as of 31 March', async () => {
    const r = await c.post(`${ws}/reports`, { name: 'Leitungsbericht', metrics: ['followers', 'posts_published', 'inbox_first_response_minutes'] });
    reportId = r.body.id;
    const d = await c.get(`${ws}/reports/${reportId}/data`);
    expect(d.status).toBe(200);
    expect(d.body.period).toEqual({ from: '2025-03-01', to: '2025-03-31', days: 31 });
    expect(d.body.previous).toEqual({ from: '2025-02-01', to: '2025-02-28', days: 28 });
    expect(d.body.empty).toBe(false);
    const fig = Object.fromEntries(d.body.keyFigures.map((k: { metric: string }) => [k.metric, k]));
    // Followers: the last day of each month; posts: the sum; response time: the mean of the days.
    expect(fig.followers).toMatchObject({ value: 1580, previous: 1270, change: 24.4 });
    expect(fig.posts_published).toMatchObject({ value: 93, previous: 56 });
    expect(fig.inbox_first_response_minutes).toMatchObject({ value: 50, previous: 90, change: -44.4 });
    const perChannel = d.body.kpis.filter((k: { metric: string; channel: string }) => k.metric === 'posts_published' && k.channel !== '');
    expect(perChannel.map((k: { channel: string; value: number }) => [k.channel, k.value])).toEqual([['bluesky', 62], ['mastodon', 31]]);
    expect(d.body.goals).toHaveLength(1);
    expect(d.body.goals[0]).toMatchObject({ title: '2.000 Follower auf Bluesky', current: 1580, progress: 58 });
    expect(d.body.readiness.areas).toHaveLength(10);
  });

  it('renders the PDF with the goal in it and exports every table as CSV', async () => {
    const pdf = await binary(`${ws}/reports/${reportId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toContain('bericht-2025-03-01_2025-03-31.pdf');
    const text = pdfText(pdf.bytes);
    expect(text).toContain('Monatsbericht Social Media');
    expect(text).toContain('März 2025');
    expect(text).toContain('2.000 Follower auf Bluesky');
    expect(text).toContain('1.580');

    const goals = await binary(`${ws}/reports/${reportId}/csv?table=goals`);
    expect(goals.type).toMatch(/^text\/csv/);
    expect(goals.text.split('\r\n')[0]).toBe('Ziel,Leitziel,Kennzahl,Kanal,Ausgangswert,Aktuell,Zielwert,Beginn,Frist,Fortschritt %,Prognosewert,Prognose,Verantwortlich');
    expect(goals.text).toContain('2.000 Follower auf Bluesky,Reichweite,Follower,Bluesky,1000,1580,2000');
    const kpis = await binary(`${ws}/reports/${reportId}/csv?table=kpis&lang=en`);
    expect(kpis.text.split('\r\n')[0]).toBe('Metric,Key,Channel,Period,Date,Value');
    expect(kpis.text).toContain('Followers,followers,Total,Reporting period,2025-03-31,1580');
    for (const table of ['key_figures', 'channels', 'response_times', 'sentiment', 'share_of_voice', 'readiness']) {
      expect((await binary(`${ws}/reports/${reportId}/csv?table=${table}`)).status).toBe(200);
    }
  });

  it('says explicitly when a period has no data', async () => {
    const d = await c.get(`${ws}/reports/${reportId}/data?from=2024-01-01&to=2024-01-31`);
    expect(d.body.empty).toBe(true);
    expect(d.body.keyFigures).toEqual([]);
    const text = pdfText((await binary(`${ws}/reports/${reportId}/pdf?from=2024-01-01&to=2024-01-31`)).bytes);
    expect(text).toContain('Für diesen Zeitraum liegen keine Daten vor');
  });

  it('refuses half or reversed periods and over-long ones', async () => {
    expect((await c.get(`${ws}/reports/${reportId}/data?from=2025-03-01`)).body.errors[0].path).toBe('querystring.to');
    expect((await c.get(`${ws}/reports/${reportId}/data?from=2025-03-31&to=2025-03-01`)).body.errors[0].path).toBe('querystring.from');
    expect((await c.get(`${ws}/reports/${reportId}/data?from=2020-01-01&to=2025-03-01`)).status).toBe(400);
  });
});

describe('scheduled reports', () => {
  const deps = { database: t.ctx.database, clock: t.clock, publicUrl: 'https://resonanz.example.org' };

  it('sends the last period once, even with two workers dispatching at the same time', async () => {
    // Switched on in February: March ended after that, so March is due on 1 April.
    t.clock.set(new Date('2025-02-20T10:00:00Z'));
    const r = await c.post(`${ws}/reports`, { name: 'Monatsbericht Leitung', scheduleEnabled: true, recipients: ['leitung@example.org', 'presse@example.org'] });
    expect(r.status).toBe(201);
    t.clock.set(new Date('2025-03-01T05:30:00Z')); // 06:30 in Berlin: before the morning hour
    expect((await dispatchDueReports(deps)).sent).toBe(0);
    t.clock.set(new Date('2025-04-01T06:30:00Z'));
    const [a, b] = await Promise.all([dispatchDueReports(deps), dispatchDueReports(deps)]);
    expect(a.sent + b.sent).toBe(1);
    expect((await dispatchDueReports(deps)).sent).toBe(0);

    const deliveries = await c.get(`${ws}/reports/${r.body.id}/deliveries`);
    expect(deliveries.body.items).toHaveLength(1);
    expect(deliveries.body.items[0]).toMatchObject({ periodStart: '2025-03-01', periodEnd: '2025-03-31', trigger: 'schedule', status: 'sent', recipients: ['leitung@example.org', 'presse@example.org'] });
    const again = await c.get(`${ws}/reports/${r.body.id}`);
    expect(again.body.nextPeriod).toEqual({ from: '2025-04-01', to: '2025-04-30' });

    const sent: OutgoingMail[] = [];
    await drainMailOutbox(t.ctx.database, { devMailbox: false, send: async (m) => void sent.push(m) }, t.clock.now());
    const reportMails = sent.filter((m) => m.subject.startsWith('Monatsbericht Social Media – März 2025'));
    expect(reportMails.map((m) => m.to).sort()).toEqual(['leitung@example.org', 'presse@example.org']);
    const pdf = reportMails[0]!.attachments![0]!;
    expect(pdf).toMatchObject({ filename: 'bericht-2025-03-01_2025-03-31.pdf', contentType: 'application/pdf' });
    expect(pdfText(pdf.content)).toContain('2.000 Follower auf Bluesky');
    expect(reportMails[0]!.text).toContain(`https://resonanz.example.org/reports/${r.body.id}`);

    // The stored PDF is exactly the one that was mailed.
    const stored = await binary(`${ws}/reports/${r.body.id}/deliveries/${deliveries.body.items[0].id}/pdf`);
    expect(Buffer.compare(stored.bytes, pdf.content)).toBe(0);
    const audit = await c.get(`${ws}/audit?action=report.sent`);
    expect(audit.body.items.some((e: { objectId: string }) => e.objectId === r.body.id)).toBe(true);
  });

  it('"send now" needs recipients and sends the chosen period', async () => {
    const lonely = await c.post(`${ws}/reports`, { name: 'Ohne Empfänger' });
    const refused = await c.post(`${ws}/reports/${lonely.body.id}/send`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('no_recipients');
    await c.patch(`${ws}/reports/${lonely.body.id}`, { recipients: ['team@example.org'], language: 'en' });
    const now = await c.post(`${ws}/reports/${lonely.body.id}/send`, { from: '2025-03-01', to: '2025-03-15' });
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({ trigger: 'manual', periodStart: '2025-03-01', periodEnd: '2025-03-15', status: 'sent' });
    expect(now.body.bytes).toBeGreaterThan(1000);
  });
});
