/**
 * Listening, end to end as the analyst does it (English UI): queries for the demo organisation and
 * two competitors, a Bluesky Jetstream source pointed at a local Jetstream that replays recorded
 * messages (e2e/fixtures/jetstream-listening.jsonl, shifted to now), live mentions arriving on the
 * open dashboard, the dashboards read, and the spike in the replay raising an alert that arrives
 * by e-mail (real SMTP to the sink of global-setup.ts) and by webhook (a local HTTP receiver).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';
import { startJetstreamReplay, type JetstreamReplay } from './jetstream-replay.ts';
import { sentMails } from './mail.ts';

const ANALYST = 'analyse@resonanz.local';
const run = Date.now().toString(36);
const QUERIES = [
  { name: `Beispielwesen live ${run}`, query: 'beispielwesen OR "bundesamt für beispielwesen" OR #beispielwesen', group: 'Bundesamt für Beispielwesen' },
  { name: `Musterverfahren live ${run}`, query: 'musterverfahren OR #musterverfahren', group: 'Landesamt für Musterverfahren' },
  { name: `Vorlagenwesen live ${run}`, query: 'vorlagenwesen', group: 'Bundesagentur für Vorlagenwesen' },
];
// Of the replayed posts, 4 quiet ones and the 30 of the spike name the organisation.
const ORG_POSTS = 34;

let browser: Browser;
let page: Page;
let replay: JetstreamReplay;
let receiver: Server;
const hooks: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

/** Alert mails of earlier journeys in this run (the crisis one spikes the same demo query) do not count. */
let mailsBefore = 0;

beforeAll(async () => {
  mailsBefore = sentMails().length;
  replay = await startJetstreamReplay(new URL('./fixtures/jetstream-listening.jsonl', import.meta.url), { startDelayMs: 1500 });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  browser = await launch();
  page = await (await newContext(browser, 'en')).newPage();
  await login(page, ANALYST, demoPassword());
});
afterAll(async () => {
  await browser?.close();
  await replay?.close();
  receiver?.close();
});

async function axeClean(name: string): Promise<void> {
  expect(report({ [name]: await axeSerious(page) })).toBe(report({ [name]: [] }));
}

const tableRows = (id: string) => page.locator(`[data-testid=${id}-table] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
const mentionsInPeriod = async () => Number(((await page.locator('[data-testid=chart-volume]').innerText().catch(() => '')).match(/([\d,]+) mentions? in the period/)?.[1] ?? '0').replace(/,/g, ''));

describe('listening, live', () => {
  it('the analyst creates queries for the organisation and two competitors', async () => {
    for (const [i, q] of QUERIES.entries()) {
      await visit(page, '/monitoring/queries/new');
      await page.getByRole('heading', { name: 'New query', level: 2 }).waitFor();
      await page.getByLabel('Name', { exact: false }).first().fill(q.name);
      await page.getByRole('combobox', { name: 'Topic group' }).click();
      await page.getByRole('option', { name: q.group }).click();
      await page.locator('[data-testid=query-input]').fill(q.query);
      await page.locator('[data-testid=syntax-ok]').waitFor();
      if (i === 0) {
        await axeClean('query editor (en)');
        await screenshot(page, 'monitoring-live-query-en');
      }
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL((u) => u.pathname === '/monitoring/queries');
      await page.locator('[data-testid=query-row]', { hasText: q.name }).waitFor();
    }
  });

  it('adds a webhook channel for alerts', async () => {
    await visit(page, '/monitoring/alerts');
    await settled(page);
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Webhook' }).click();
    await page.getByLabel('Name', { exact: false }).last().fill(`Lagebild-Bot ${run}`);
    await page.getByLabel('Webhook URL', { exact: false }).fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/resonanz`);
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.locator('[data-testid=channel-row]', { hasText: `Lagebild-Bot ${run}` }).waitFor();
  });

  it('connects the replayed Jetstream; mentions arrive live on the open dashboard', async () => {
    await visit(page, '/monitoring/sources');
    await settled(page);
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Bluesky (Jetstream)' }).click();
    await page.getByLabel('Name', { exact: false }).last().fill(`Bluesky replay ${run}`);
    await page.getByLabel('Endpoint (WebSocket address)').fill(replay.url);
    await page.getByRole('button', { name: 'Create source' }).click();
    await page.locator('[data-testid=source-row]', { hasText: `Bluesky replay ${run}` }).waitFor();

    // Open the organisation query's dashboard before anything arrived, then only watch it.
    await visit(page, '/monitoring/queries');
    await page.locator('[data-testid=query-row]', { hasText: QUERIES[0]!.name }).getByRole('link', { name: `Analysis for ${QUERIES[0]!.name}` }).click();
    await page.waitForURL((u) => u.pathname === '/monitoring' && u.search.includes('scope=query'));
    await page.locator('[data-testid=chart-volume]').waitFor();
    expect(await mentionsInPeriod()).toBe(0);
    await screenshot(page, 'monitoring-live-before-en');
    // The supervisor picks the new source up within its rescan interval (30 s) and subscribes.
    await expect.poll(() => replay.requests.length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(replay.requests[0]!.get('wantedCollections')).toBe('app.bsky.feed.post');
    await expect.poll(mentionsInPeriod, { timeout: 30_000, message: 'first mentions on the open dashboard' }).toBeGreaterThan(0);
    await replay.finished;
    await expect.poll(mentionsInPeriod, { timeout: 30_000, message: 'all replayed mentions of the organisation' }).toBe(ORG_POSTS);
    await expect.poll(() => page.locator('[data-testid=mention]').count()).toBe(20);
    expect(await page.locator('[data-testid=mention]').first().innerText()).toMatch(/Beispielwesen/i);
    await screenshot(page, 'monitoring-live-arrived-en');
  }, 180_000);

  it('the spike raises an alert that arrives by e-mail (SMTP) and by webhook', async () => {
    // The runner evaluates once a minute. The crisis journey spiked the same demo query earlier, and with
    // the e2e cool-down of 2 minutes that spike can alarm again just before the webhook channel above
    // existed (e-mail only); the next alarm then waits for the cool-down. So: wait for the webhook (the
    // first alarm raised with the channel in place), then read the e-mail of that same alert (its link).
    type Payload = { type: string; text: string; alert: { queryName: string; kind: string; link: string } };
    const parsed = () => hooks.map((h) => ({ ...h, payload: JSON.parse(h.body) as Payload }));
    const alertHook = () => parsed().find((h) => h.payload.alert?.queryName === 'Bundesamt für Beispielwesen');
    await expect.poll(() => alertHook() !== undefined, { timeout: 200_000, interval: 1000, message: 'alert webhook received (retried on failure)' }).toBe(true);
    const hook = alertHook()!;
    expect(hook.path).toBe('/hooks/resonanz');
    expect(hook.headers['content-type']).toBe('application/json');
    const { payload } = hook;
    expect(payload.type).toBe('listening.alert');
    expect(['volume', 'negative_share']).toContain(payload.alert.kind);
    expect(payload.text).toContain('Bundesamt für Beispielwesen');
    expect(payload.alert.link).toMatch(/\/monitoring\/alerts\?alert=[0-9a-f-]{36}$/);

    const alertMail = () => sentMails().slice(mailsBefore).find((m) => m.to.includes('lage@beispielwesen.example') && m.body.includes(payload.alert.link));
    await expect.poll(() => alertMail() !== undefined, { timeout: 30_000, interval: 500, message: 'the same alert by e-mail in the SMTP sink' }).toBe(true);
    const mail = alertMail()!;
    expect(mail.subject).toMatch(/Monitoring-Alarm|monitoring alert/);
    expect(mail.subject).toContain('Bundesamt für Beispielwesen');
    // The demo workspace speaks German: a volume spike or a negative-share alert, with the query named.
    expect(mail.body).toMatch(/(Ausschlag|Mehr negative Erwähnungen) bei „Bundesamt für Beispielwesen“/);

    // In the app: the alert on the alerts page (live, no reload needed) and in the bell.
    await visit(page, '/monitoring/alerts');
    await settled(page);
    const item = page.locator('[data-testid=alert-item]', { hasText: 'Bundesamt für Beispielwesen' }).first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Volume spike|High negative share/);
    expect(await item.innerText()).toMatch(/deliveries succeeded/);
    await axeClean('alerts (en)');
    await screenshot(page, 'monitoring-live-alert-en');
  }, 280_000);

  it('reads the dashboards: the organisation group with share of voice, sentiment, authors and languages', async () => {
    // Without a scope the dashboard opens on the organisation's topic group.
    await visit(page, '/monitoring');
    await settled(page);
    await expect.poll(() => page.getByRole('combobox', { name: 'Analysis for' }).inputValue()).toMatch(/^Bundesamt für Beispielwesen \(/);
    await page.locator('[data-testid=chart-volume] svg').first().waitFor();
    await expect.poll(() => tableRows('chart-sov').then((r) => r.length)).toBeGreaterThanOrEqual(3);
    const sov = await tableRows('chart-sov');
    expect(sov.map((r) => r[0])).toEqual(expect.arrayContaining(['Bundesamt für Beispielwesen', 'Landesamt für Musterverfahren', 'Bundesagentur für Vorlagenwesen']));
    const authors = (await tableRows('chart-authors')).map((r) => r[0]);
    expect(authors).toEqual(expect.arrayContaining(['anna-koeln.bsky.social']));
    expect((await tableRows('chart-languages')).map((r) => r[0])).toEqual(expect.arrayContaining(['German', 'English']));
    const sentiment = await page.locator('[data-testid=chart-sentiment]').innerText();
    expect(sentiment).toMatch(/Negative [1-9]/);
    await axeClean('dashboard (en)');
    await screenshot(page, 'monitoring-live-dashboard-en');

    await visit(page, '/monitoring/sources');
    await settled(page);
    const row = page.locator('[data-testid=source-row]', { hasText: `Bluesky replay ${run}` });
    await expect.poll(() => row.innerText()).toMatch(/Running/);
    await screenshot(page, 'monitoring-live-sources-en');
  });
});
