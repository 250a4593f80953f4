/**
 * Monitoring journeys: dashboard charts with their text alternatives and the mention list, a new
 * query for the demo organisation (syntax error with column → valid → preview with matches), a
 * mention imported for it, and its dashboard with the volume chart; axe on every monitoring page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';

let browser: Browser;
let page: Page;
const queryName = `Hotline-Beschwerden ${Date.now().toString(36)}`;

beforeAll(async () => {
  browser = await launch();
  page = await (await newContext(browser, 'de')).newPage();
  await login(page, DEMO_EMAIL, demoPassword());
});
afterAll(async () => {
  await browser?.close();
});

async function axeClean(name: string): Promise<void> {
  expect(report({ [name]: await axeSerious(page) })).toBe(report({ [name]: [] }));
}

/** Rows of a chart's visually hidden data table, as cell texts. */
const tableRows = (id: string) => page.locator(`[data-testid=${id}-table] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));

describe('monitoring', () => {
  it('shows the dashboard with charts, text alternatives and the filtered mention list', async () => {
    await visit(page, '/monitoring');
    await settled(page);
    await page.locator('[data-testid=chart-volume] svg').first().waitFor();
    expect(await page.title()).toBe('Übersicht – Monitoring · Resonanz');
    for (const id of ['chart-volume', 'chart-sentiment', 'chart-sov', 'chart-languages', 'chart-authors', 'chart-hashtags', 'chart-terms']) {
      await expect.poll(() => tableRows(id).then((r) => r.length), { message: id }).toBeGreaterThan(0);
    }
    const volume = await tableRows('chart-volume');
    expect(volume.length).toBeGreaterThanOrEqual(14);
    expect(volume.reduce((s, r) => s + Number(r[1]!.replace(/\D/g, '')), 0)).toBeGreaterThan(100);
    expect((await tableRows('chart-languages')).map((r) => r[0])).toEqual(expect.arrayContaining(['Deutsch', 'Englisch']));
    await page.locator('[data-testid=mention]').first().waitFor();
    expect(await page.locator('[data-testid=mention]').count()).toBe(20);
    await page.getByRole('button', { name: 'Weitere laden' }).click();
    await expect.poll(() => page.locator('[data-testid=mention]').count()).toBe(40);
    await page.getByRole('combobox', { name: 'Stimmung' }).click();
    await page.getByRole('option', { name: 'Negativ' }).click();
    await expect.poll(() => page.locator('[data-testid=mention]').evaluateAll((ms) => ms.length > 0 && ms.every((m) => m.textContent!.includes('Negativ')))).toBe(true);
    await axeClean('dashboard');
    await screenshot(page, 'monitoring-dashboard-de');
  });

  it('creates a query: syntax error with column, then valid, preview with matches', async () => {
    await visit(page, '/monitoring/queries');
    await settled(page);
    await page.locator('[data-testid=query-row]').first().waitFor();
    expect(await page.locator('[data-testid=query-row]').count()).toBeGreaterThanOrEqual(3);
    await axeClean('queries');
    await screenshot(page, 'monitoring-queries-de');

    await page.getByRole('link', { name: 'Neue Suchabfrage' }).first().click();
    await page.getByRole('heading', { name: 'Neue Suchabfrage', level: 2 }).waitFor();
    await page.getByLabel('Name', { exact: false }).first().fill(queryName);
    await page.getByRole('combobox', { name: 'Themengruppe' }).click();
    await page.getByRole('option', { name: /Bundesamt für Beispielwesen/ }).click();
    const input = page.locator('[data-testid=query-input]');
    await input.pressSequentially('beispielwesen AND (hotline');
    await expect.poll(() => page.locator('[data-testid=syntax-error]').innerText()).toContain('Syntaxfehler in Spalte 19');
    expect(await page.getByRole('button', { name: 'Speichern' }).isDisabled()).toBe(true);
    await screenshot(page, 'monitoring-query-error-de');
    await input.press('End');
    await input.pressSequentially(')');
    await page.locator('[data-testid=syntax-ok]').waitFor();
    expect(await page.locator('[data-testid=syntax-ok]').innerText()).toContain('beispielwesen AND hotline');

    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await expect.poll(() => page.locator('[data-testid=preview-summary]').innerText().catch(() => '')).toMatch(/^[1-9]\d* Treffer/);
    const previews = await page.locator('[data-testid=mention]').allInnerTexts();
    expect(previews.length).toBeGreaterThan(0);
    expect(previews.every((m) => /hotline/i.test(m) && /beispielwesen/i.test(m))).toBe(true);
    await axeClean('query editor');
    await screenshot(page, 'monitoring-query-preview-de');

    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL((u) => u.pathname === '/monitoring/queries');
    await page.locator('[data-testid=query-row]', { hasText: queryName }).waitFor();
  });

  it('shows the volume chart for the new query once a mention arrives', async () => {
    // A new query counts mentions from now on: one arrives through the demo import source.
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string; workspaces: { id: string }[] };
    const base = `/api/v1/workspaces/${me.workspaces[0]!.id}/listening`;
    const sources = (await (await page.request.get(`${base}/sources`)).json()) as { items: { id: string; kind: string }[] };
    const importSource = sources.items.find((s) => s.kind === 'import')!;
    const line = JSON.stringify({ id: `e2e-${queryName}`, text: 'Beim Beispielwesen hängt die Hotline schon wieder in der Warteschleife.', author: 'e2e.bsky.social', lang: 'de', publishedAt: new Date(Date.now() - 3_600_000).toISOString() });
    const res = await page.request.post(`${base}/sources/${importSource.id}/import`, { headers: { 'content-type': 'application/x-ndjson', 'x-csrf-token': me.csrfToken }, data: line });
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { stored: number }).stored).toBe(1);

    await page.locator('[data-testid=query-row]', { hasText: queryName }).getByRole('link', { name: `Auswertung für ${queryName}` }).click();
    await page.waitForURL((u) => u.pathname === '/monitoring' && u.search.includes('scope=query'));
    await page.locator('[data-testid=chart-volume] svg').first().waitFor();
    await expect.poll(() => page.locator('[data-testid=chart-volume]').innerText()).toContain('1 Erwähnung im Zeitraum');
    const rows = await tableRows('chart-volume');
    expect(rows.map((r) => r[1])).toContain('1');
    await expect.poll(() => page.locator('[data-testid=mention]').count()).toBe(1);
    await screenshot(page, 'monitoring-query-dashboard-de');
  });

  it('lists sources with health and alerts with channels', async () => {
    await visit(page, '/monitoring/sources');
    await settled(page);
    await page.locator('[data-testid=source-row]').first().waitFor();
    const rows = await page.locator('[data-testid=source-row]').allInnerTexts();
    expect(rows.some((r) => r.includes('Demo-Import') && r.includes('Läuft'))).toBe(true);
    expect(rows.some((r) => r.includes('Bluesky (Jetstream)') && r.includes('Ausgeschaltet'))).toBe(true);
    await page.getByRole('combobox', { name: 'Art' }).click();
    await page.getByRole('option', { name: 'Datei-Import' }).click();
    await page.getByLabel('Name', { exact: false }).last().fill(`Import ${queryName}`);
    await page.getByRole('button', { name: 'Quelle anlegen' }).click();
    const row = page.locator('[data-testid=source-row]', { hasText: `Import ${queryName}` });
    await row.waitFor();
    // An NDJSON file uploaded into the new import source: one new mention, one bad line reported.
    const file = [JSON.stringify({ id: `upload-${queryName}`, text: 'Datei-Import: Das Beispielwesen antwortet schnell.', author: 'upload.example' }), '{kaputt'].join('\n');
    await row.locator('input[type=file]').setInputFiles({ name: 'erwaehnungen.ndjson', mimeType: '', buffer: Buffer.from(file) });
    await expect.poll(() => row.locator('[data-testid=import-result]').innerText().catch(() => '')).toContain('2 Datensätze gelesen: 1 gespeichert, 0 schon bekannt, 1 abgelehnt.');
    expect(await row.locator('[data-testid=import-result]').innerText()).toContain('Zeile 2:');
    await axeClean('sources');
    await screenshot(page, 'monitoring-sources-de');

    await visit(page, '/monitoring/alerts');
    await settled(page);
    // Other journeys may raise alerts too (listening-live): look for the seeded one, not the first.
    await page.locator('[data-testid=alert-item]', { hasText: 'Hoher Negativanteil' }).first().waitFor();
    await page.locator('[data-testid=channel-row]', { hasText: 'Lagezentrum' }).waitFor();
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Webhook' }).click();
    await page.getByLabel('Name', { exact: false }).last().fill(`Slack ${queryName}`);
    await page.getByLabel('Webhook-URL', { exact: false }).fill('https://hooks.example.org/services/e2e');
    await page.getByRole('combobox', { name: 'Format' }).click();
    await page.getByRole('option', { name: 'Slack' }).click();
    await page.getByRole('button', { name: 'Weg hinzufügen' }).click();
    await page.locator('[data-testid=channel-row]', { hasText: `Slack ${queryName}` }).waitFor();
    await axeClean('alerts');
    await screenshot(page, 'monitoring-alerts-de');
  });
});
