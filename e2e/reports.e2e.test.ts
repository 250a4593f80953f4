/**
 * Measurement and reports: a SMART goal created in the strategy shows up in the monthly report
 * (preview and the PDF rendered by the server), the report builder refuses a schedule without
 * recipients and saves a report with the goal, "send now" delivers the PDF over SMTP, the strategy
 * pages edit every kind of item (effort warning, brand sheet size limit), the home dashboard shows
 * goals and deadlines — with axe on every page and screenshots.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfText } from '../server/modules/reporting/pdf/pdf-text.ts';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit, type AxeIssue } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const goalTitle = `Erwähnungen verdoppeln ${Date.now().toString(36)}`;
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
async function pick(page: Page, label: string, option: string | null): Promise<void> {
  await field(page, label).first().click();
  const options = page.getByRole('option');
  await (option === null ? options.first() : options.filter({ hasText: option }).first()).click();
}
const clean = (found: Record<string, AxeIssue[]>) => report(Object.fromEntries(Object.keys(found).map((k) => [k, []])));

/** PDF attachments of the mails the SMTP sink received for `to`. */
function pdfAttachments(to: string): Buffer[] {
  const dir = inject('smtpDir');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => {
    const m = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string[]; raw: string };
    if (!m.to.includes(to)) return [];
    const part = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/.exec(m.raw);
    return part ? [Buffer.from(part[1]!.replace(/\s+/g, ''), 'base64')] : [];
  });
}

describe('reports', () => {
  it('shows a new SMART goal in the report, its PDF and a saved report; sends it by e-mail', async () => {
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await login(page, DEMO_EMAIL, demoPassword());
    const found: Record<string, AxeIssue[]> = {};

    // Home: readiness, goals with forecast and the next deadlines.
    await page.getByTestId('home-goals').getByRole('progressbar').first().waitFor();
    await page.getByTestId('home-deadlines').getByRole('listitem').first().waitFor();
    found['/'] = await axeSerious(page);
    await screenshot(page, 'home-dashboard');

    // A SMART goal (metric, number, date) …
    await visit(page, '/strategy/goals/new');
    await settled(page);
    await pick(page, 'Metaziel', null);
    await field(page, 'Titel').fill(goalTitle);
    await pick(page, 'Kennzahl', 'Erwähnungen');
    await field(page, 'Zielwert').fill('1500');
    await field(page, 'Frist').fill(`${new Date().getFullYear() + 1}-03-31`);
    expect(await page.getByTestId('smart-check').innerText()).not.toContain('fehlt');
    await page.getByRole('button', { name: 'Ziel anlegen' }).click();
    await page.waitForURL((u) => u.pathname === '/strategy');

    // … appears in the monthly report of the demo (all goals), in the preview and in the PDF.
    await visit(page, '/reports');
    await settled(page);
    await page.getByTestId('key-figure').first().waitFor();
    found['/reports'] = await axeSerious(page);
    await screenshot(page, 'reports-dashboard');
    await page.getByTestId('report-card').filter({ hasText: 'Bericht für die Amtsleitung' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const goalInReport = page.getByTestId('report-goal').filter({ hasText: goalTitle });
    await goalInReport.waitFor();
    await expect.poll(() => goalInReport.getByRole('progressbar').count()).toBe(1);
    await page.getByTestId('delivery').first().waitFor();
    found['/reports/:id'] = await axeSerious(page);
    await screenshot(page, 'report-view');
    const pdfHref = await page.getByRole('link', { name: 'PDF herunterladen' }).getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.body()));
    expect(text).toContain('Monatsbericht Social Media');
    expect(text).toContain('BUNDESAMT FÜR BEISPIELWESEN');
    expect(text).toContain(goalTitle);
    const csvHref = await page.getByRole('link', { name: 'CSV: Ziele' }).getAttribute('href');
    const csv = await page.request.get(csvHref!);
    expect(await csv.text()).toContain(goalTitle);

    // A period without data: an explicit empty state, not an empty page.
    await page.getByLabel('Von', { exact: true }).fill('2001-01-01');
    await page.getByLabel('Bis', { exact: true }).fill('2001-01-31');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.getByTestId('report-empty').waitFor();
    expect(await page.getByTestId('report-empty').innerText()).toContain('Für diesen Zeitraum liegen keine Daten vor');

    // The builder: a schedule needs recipients (named at the field); then a report with the new goal.
    await visit(page, '/reports/new');
    await settled(page);
    await field(page, 'Name').fill('Zielbericht e2e');
    await page.getByRole('combobox', { name: 'Ziele' }).click();
    await page.getByRole('option', { name: goalTitle }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Erwähnungen', { exact: true }).check();
    await page.getByRole('switch', { name: /Regelmäßig per E-Mail/ }).check();
    await page.getByRole('button', { name: 'Bericht anlegen' }).click();
    await page.getByText('Für den regelmäßigen Versand ist mindestens eine gültige E-Mail-Adresse nötig.').waitFor();
    found['/reports/new (errors)'] = await axeSerious(page);
    await screenshot(page, 'report-builder-errors');
    const recipients = page.getByRole('combobox', { name: 'Empfänger:innen' });
    await recipients.fill('leitung-e2e@beispielwesen.example');
    await recipients.press('Enter');
    await page.getByRole('button', { name: 'Bericht anlegen' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Zielbericht e2e' }).waitFor();
    await page.getByTestId('report-goal').filter({ hasText: goalTitle }).waitFor();
    expect(await page.getByTestId('report-goal').count()).toBe(1);

    // Send now: the PDF goes over SMTP to the recipient.
    await page.getByRole('button', { name: 'Jetzt senden' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Senden' }).click();
    await page.getByTestId('delivery').first().waitFor();
    await expect.poll(() => pdfAttachments('leitung-e2e@beispielwesen.example').length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(pdfText(pdfAttachments('leitung-e2e@beispielwesen.example')[0]!)).toContain(goalTitle);

    expect(report(found)).toBe(clean(found));
    await ctx.close();
  });

  it('edits every part of the strategy: versions and comments, effort warning, ranking, brand sheet limit', async () => {
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await login(page, DEMO_EMAIL, demoPassword());
    const found: Record<string, AxeIssue[]> = {};
    for (const [path, heading] of [
      ['/strategy/challenges', 'Herausforderungen'], ['/strategy/goals', 'Ziele'], ['/strategy/target-groups', 'Zielgruppen nach Priorität'], ['/strategy/platforms', 'Plattformstrategie'],
      ['/strategy/topics', 'Themen und Formate'], ['/strategy/effort', 'Aufwand und Ressourcen'], ['/strategy/phases', 'Einführung in Phasen'], ['/guidelines/manage', 'Leitfaden und Schulung verwalten'],
    ] as const) {
      await visit(page, path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      if (path.startsWith('/strategy')) await page.getByTestId('challenge-rail').getByRole('progressbar').first().waitFor();
      found[path] = await axeSerious(page);
    }

    // A challenge: edit its progress, comment on it, see both in its history.
    await visit(page, '/strategy/challenges');
    await page.getByRole('button', { name: 'Bearbeiten: Transparenz' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Beschreibung').fill('Informationen können jederzeit öffentlich werden. Wir erklären zuerst und selbst.');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Versionen und Kommentare: Transparenz' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Neuer Kommentar').fill('Bitte mit dem Justiziariat abstimmen.');
    await drawer.getByRole('button', { name: 'Kommentieren' }).click();
    await drawer.getByTestId('comment').filter({ hasText: 'Justiziariat' }).waitFor();
    await drawer.getByRole('tab', { name: /Versionen/ }).click();
    await drawer.getByText('Geändert: Beschreibung').waitFor();
    found['history drawer'] = await axeSerious(page);
    await screenshot(page, 'strategy-history');
    await page.keyboard.press('Escape');

    // Effort: more planned than the team can do → a warning, in the form and in the list.
    await visit(page, '/strategy/effort');
    await page.getByRole('button', { name: 'Neuer Aufwandsplan' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Name').fill('Wahlkampfmonat');
    await form.getByRole('button', { name: 'Kanal hinzufügen' }).click();
    await form.getByLabel('Beiträge/Woche').fill('40');
    await form.getByRole('button', { name: 'Person hinzufügen' }).click();
    await form.getByTestId('effort-warning-over_capacity').waitFor();
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('item-effort-plans').filter({ hasText: 'Wahlkampfmonat' }).getByTestId('effort-warning-over_capacity').waitFor();
    await screenshot(page, 'strategy-effort');

    // Target groups: moving the second group up makes it the first.
    await visit(page, '/strategy/target-groups');
    const second = await page.getByTestId('item-target-groups').nth(1).locator('p').first().innerText();
    await page.getByRole('button', { name: `${second} nach oben` }).click();
    await expect.poll(() => page.getByTestId('item-target-groups').first().locator('p').first().innerText()).toBe(second);

    // Brand sheet: an oversized upload gets a clear message; the demo logo is shown.
    await visit(page, '/strategy/platforms');
    const sheet = page.getByTestId('brand-bluesky');
    await sheet.getByRole('img', { name: 'Bildmarke (Profilbild)' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await sheet.getByRole('button', { name: /Bild hochladen/ }).click();
    await (await chooser).setFiles({ name: 'riesig.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1_048_576, 1) });
    await sheet.getByRole('alert').filter({ hasText: 'größer als 5 MB' }).waitFor();
    found['/strategy/platforms (upload error)'] = await axeSerious(page);
    await screenshot(page, 'strategy-platforms');

    // A quiz question without a right answer is refused, named at the question; nothing is saved.
    // A full load: after the in-app navigation from the brand sheet upload above, the quiz checkboxes
    // toggled in the DOM without React committing the change (open bug, see docs/known-issues.md).
    await page.goto('/guidelines/manage');
    await settled(page);
    const editor = page.getByTestId('training-editor').first();
    const question = editor.getByTestId('quiz-question').first();
    const boxes = question.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) if (await boxes.nth(i).isChecked()) await boxes.nth(i).click();
    await expect.poll(() => question.getByRole('checkbox', { checked: true }).count()).toBe(0);
    await editor.getByRole('button', { name: 'Speichern' }).click();
    await question.getByRole('alert').filter({ hasText: 'Frage 1: Markieren Sie mindestens eine richtige' }).waitFor();
    found['/guidelines/manage (quiz error)'] = await axeSerious(page);
    await screenshot(page, 'guidelines-manage');

    expect(report(found)).toBe(clean(found));
    await ctx.close();
  });
});
