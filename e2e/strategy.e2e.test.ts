/**
 * Strategy and guidelines journeys: the readiness navigator and the SMART goal form (axe, server
 * field errors, a new goal listed with progress and forecast), then an employee acknowledges the
 * guideline and passes the training quiz.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit, type AxeIssue } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const goalTitle = `Mastodon-Reichweite ausbauen ${Date.now().toString(36)}`;

/** An input by its label; Mantine appends " *" to required ones. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));

async function pick(page: Page, label: string, option: string | null): Promise<void> {
  await field(page, label).first().click();
  const options = page.getByRole('option');
  await (option === null ? options.first() : options.filter({ hasText: option }).first()).click();
}

describe('strategy and guidelines', () => {
  it('shows the readiness navigator and creates a SMART goal that is listed with progress', async () => {
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await login(page, DEMO_EMAIL, demoPassword());
    await visit(page, '/strategy');
    await settled(page);
    await page.getByTestId('readiness-area').first().waitFor();
    expect(await page.getByTestId('readiness-area').count()).toBe(10);
    // The sections load independently of the navigator: wait for each before counting.
    for (const id of ['challenge', 'target-group', 'forecast']) await page.getByTestId(id).first().waitFor();
    expect(await page.getByTestId('challenge').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('target-group').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('forecast').count()).toBeGreaterThanOrEqual(4);
    // Open an area: its items carry a status and, when not done, a link to where it is fixed.
    await page.getByTestId('readiness-area').locator('button').first().click();
    await page.getByTestId('readiness-item').first().waitFor();
    const found: Record<string, AxeIssue[]> = { '/strategy': await axeSerious(page) };
    await page.getByRole('button', { name: 'Strategiedokument herunterladen' }).click();
    const docHref = await page.getByRole('menuitem', { name: 'Markdown (Deutsch)' }).getAttribute('href');
    const doc = await page.request.get(docHref!);
    expect(doc.status()).toBe(200);
    expect(await doc.text()).toMatch(/^# /);
    const pdf = await page.request.get((await page.getByRole('menuitem', { name: 'PDF (Deutsch)' }).getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const docx = await page.request.get((await page.getByRole('menuitem', { name: 'Word/DOCX (English)' }).getAttribute('href'))!);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    await page.keyboard.press('Escape');
    await screenshot(page, 'strategy-overview');

    await page.getByRole('link', { name: 'SMART-Ziel anlegen' }).click();
    await page.waitForURL('**/strategy/goals/new');
    await page.getByRole('heading', { level: 1, name: 'SMART-Ziel anlegen' }).waitFor();
    await settled(page);
    found['/strategy/goals/new'] = await axeSerious(page);
    // Nothing filled in: the server names the missing fields, shown at the fields.
    await page.getByRole('button', { name: 'Ziel anlegen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Frist' }).waitFor();
    expect(await page.getByText('Bitte wählen Sie eine Kennzahl aus dem Katalog.').count()).toBeGreaterThan(0);
    found['goal form with errors'] = await axeSerious(page);
    await screenshot(page, 'strategy-goal-form-errors');

    await pick(page, 'Metaziel', null);
    await field(page, 'Titel').fill(goalTitle);
    await pick(page, 'Kennzahl', 'Follower');
    await field(page, 'Ausgangswert').fill('100');
    await field(page, 'Zielwert').fill('250');
    await field(page, 'Frist').fill(`${new Date().getFullYear() + 1}-06-30`);
    await pick(page, 'Verantwortlich', 'Sabine Stratmann');
    await page.getByRole('button', { name: 'Ziel anlegen' }).click();
    await page.waitForURL((u) => u.pathname === '/strategy');
    const goal = page.getByTestId('goal').filter({ hasText: goalTitle });
    await goal.waitFor();
    expect(await goal.getByRole('progressbar', { name: `Fortschritt von „${goalTitle}“` }).count()).toBe(1);
    expect(await goal.getByTestId('forecast').textContent()).toMatch(/Im Plan|Gefährdet|Nicht im Plan|Zu wenig Daten/);
    expect(await goal.innerText()).toContain('Sabine Stratmann');
    await goal.scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL('./screenshots/strategy-goal-created.png', import.meta.url).pathname });

    await visit(page, '/guidelines');
    await page.getByRole('heading', { level: 1, name: 'Leitfaden' }).waitFor();
    await settled(page);
    await page.getByTestId('ack-missing').waitFor();
    found['/guidelines (owner)'] = await axeSerious(page);
    await screenshot(page, 'guidelines-owner');
    expect(report(found)).toBe(report(Object.fromEntries(Object.keys(found).map((k) => [k, []]))));
    await ctx.close();
  });

  it('lets an employee acknowledge the guideline and pass the quiz', async () => {
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await login(page, 'mitarbeit@resonanz.local', demoPassword());
    await visit(page, '/guidelines');
    await settled(page);
    await page.locator('#guideline-heading').waitFor();
    // An employee sees no "who has not acknowledged" list (that needs guidelines.write).
    expect(await page.getByTestId('ack-missing').count()).toBe(0);
    const ack = page.getByRole('button', { name: 'Gelesen und verstanden' });
    expect(await ack.count()).toBe(1);
    await ack.click();
    await page.getByText('Von Ihnen bestätigt').waitFor();
    expect(await ack.count()).toBe(0);

    const training = page.getByTestId('training').first();
    await training.getByLabel('Ich mache deutlich, dass ich meine persönliche Meinung äußere.').check();
    await training.getByLabel('Einen internen Entwurf einer Pressemitteilung').check();
    await training.getByLabel('Ein Foto aus der Besprechung mit lesbarem Whiteboard').check();
    await training.getByLabel('Ich verweise auf einen sicheren Kontaktweg und gehe öffentlich nicht auf Details ein.').check();
    await training.getByLabel('Erst fragen, dann posten – beim Social-Media-Team.').check();
    await training.getByRole('button', { name: 'Antworten abgeben' }).click();
    const result = training.getByTestId('quiz-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('Bestanden');
    expect(await result.innerText()).toContain('100 %');
    await expect.poll(() => training.getByText('Bestanden (100 %)').count()).toBe(1);
    expect(report({ '/guidelines (employee)': await axeSerious(page) })).toBe(report({ '/guidelines (employee)': [] }));
    await screenshot(page, 'guidelines-employee');
    await ctx.close();
  });
});
