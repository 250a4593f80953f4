/**
 * The editorial plan in the browser: accessibility of the plan, composer, a post page and the
 * channels; the review journey with four-eyes: the editor writes and submits a post (and sees no
 * approve button), the editors' step and the approver approve it, and its state changes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';

let browser: Browser;
let editor: Page;
let owner: Page;
let postUrl = '';
const EDITOR = 'redaktion@resonanz.local';
const APPROVER = 'freigabe@resonanz.local';
const TEXT = `Neu im Bürgerservice: Termine online buchen unter https://www.beispielamt.de/termine/${'x'.repeat(60)} #Service`;

async function as(email: string): Promise<Page> {
  const page = await (await newContext(browser, 'de')).newPage();
  await login(page, email, demoPassword());
  return page;
}

/** A wall-clock time three days ahead, as the datetime-local field takes it. */
function inThreeDays(): string {
  const d = new Date(Date.now() + 3 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:30`;
}

const approveButton = (p: Page) => p.getByRole('button', { name: 'Freigeben', exact: true });
const stateBadge = (p: Page) => p.getByTestId('post-state');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('editorial plan', () => {
  it('shows the two-week plan coloured by status, accessible', async () => {
    editor = await as(EDITOR);
    const page = editor;
    await visit(page, '/calendar');
    await settled(page);
    await page.locator('.fc-event').first().waitFor();
    expect(await page.locator('.fc-event').count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('.fc-event').filter({ hasText: 'Veröffentlicht' }).first().isVisible()).resolves.toBe(true);
    expect(report({ plan: await axeSerious(page) })).toBe(report({ plan: [] }));
    await screenshot(page, 'calendar-plan');

    // Drag a scheduled post into the past: the API refuses and the plan shows the server's message.
    const event = page.locator('.fc-event').filter({ hasText: 'Beispielgeld in Leichter Sprache' });
    const yesterday = await page.evaluate(() => new Date(Date.now() - 86_400_000).toLocaleDateString('sv'));
    // Only on a Monday the 1st is yesterday outside this month's grid; the previous month shows both days.
    if ((await page.locator(`td[data-date="${yesterday}"]`).count()) === 0) await page.getByRole('button', { name: 'Zurück' }).click();
    await event.scrollIntoViewIfNeeded();
    const from = (await event.boundingBox())!;
    const to = (await page.locator(`td[data-date="${yesterday}"]`).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Verschieben nicht möglich' }).innerText()).toContain('The new time is in the past.');
    await expect(page.locator(`td[data-date="${yesterday}"] .fc-event`).filter({ hasText: 'Leichter Sprache' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Liste' }).click();
    await page.locator('.fc-list-event').first().waitFor();
    expect(report({ list: await axeSerious(page) })).toBe(report({ list: [] }));
  });

  it('lets the editor write and submit a post, without an approve button of their own', async () => {
    const page = editor;
    await visit(page, '/calendar/new');
    await settled(page);
    await page.getByTestId('composer-text').fill(TEXT);
    await page.getByLabel('Bluesky @beispielamt').check();
    await page.getByLabel('Mastodon social.bund.de').check();
    // Bluesky counts the URL in full; Mastodon counts it as 23.
    await expect.poll(() => page.getByTestId('counter-bluesky').innerText()).toContain("154 / 300");
    await expect.poll(() => page.getByTestId('counter-mastodon').innerText()).toContain("82 / 500");
    await page.getByLabel('Veröffentlichungszeit').fill(inThreeDays());
    await page.getByLabel('Kampagne').fill('Digitaler Antrag');
    expect(report({ composer: await axeSerious(page) })).toBe(report({ composer: [] }));
    await screenshot(page, 'calendar-composer');
    await page.getByRole('button', { name: 'Zur Prüfung senden' }).click();
    await page.waitForURL(/\/calendar\/posts\/[0-9a-f-]{36}$/);
    postUrl = new URL(page.url()).pathname;
    await expect.poll(() => stateBadge(page).innerText()).toBe('In Prüfung');
    await expect(page.getByTestId('four-eyes-note').isVisible()).resolves.toBe(true);
    expect(await approveButton(page).count()).toBe(0);
    expect(report({ post: await axeSerious(page) })).toBe(report({ post: [] }));
    await screenshot(page, 'calendar-post-author');
  });

  it('is approved by the editors step and then the approver, and its state changes', async () => {
    expect(postUrl).not.toBe('');
    // Default chain: Redaktion (another editor, here the owner) → Freigabe (the approver).
    owner = await as(DEMO_EMAIL);
    await visit(owner, postUrl);
    await settled(owner);
    await approveButton(owner).click();
    await expect.poll(() => owner.getByTestId('approval-step').first().innerText()).toBe('erledigt');

    const approver = await as(APPROVER);
    await visit(approver, postUrl);
    await settled(approver);
    await expect.poll(() => stateBadge(approver).innerText()).toBe('In Prüfung');
    await approver.getByLabel('Kommentar zur Entscheidung').fill('Passt, danke!');
    await approveButton(approver).click();
    await expect.poll(() => stateBadge(approver).innerText()).toMatch(/^(Geplant|Freigegeben)$/);
    expect(await approveButton(approver).count()).toBe(0);
    await screenshot(approver, 'calendar-post-approved');
    await approver.close();
  });

  it('lists the channels with their connection status, accessible', async () => {
    await visit(owner, '/calendar/channels');
    await settled(owner);
    await owner.getByTestId('channel-row').first().waitFor();
    expect(await owner.getByTestId('channel-row').count()).toBe(2);
    await expect(owner.getByTestId('channel-row').first().innerText()).resolves.toContain('Nicht verbunden');
    expect(report({ channels: await axeSerious(owner) })).toBe(report({ channels: [] }));
    await owner.getByRole('button', { name: 'Bluesky @beispielamt verbinden' }).click();
    await owner.getByLabel('App-Passwort').waitFor();
    expect(report({ connect: await axeSerious(owner) })).toBe(report({ connect: [] }));
    await screenshot(owner, 'calendar-channels-connect');
  });
});

