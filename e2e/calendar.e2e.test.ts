/**
 * The editorial plan in the browser: the two-week plan around today (robust to the date), filters
 * and colours, the composer with an image for Bluesky and Mastodon (counters, preview per network,
 * the alt-text gate), accessibility of every page, and the review journey with four-eyes: the
 * editor writes and submits a post (and sees no approve button), the editors' step and the approver
 * approve it, and its state changes.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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
    // The default view covers the last days and the next ones whatever today is (the 1st of a month included).
    const yesterday = await page.evaluate(() => new Date(Date.now() - 86_400_000).toLocaleDateString('sv'));
    const inFiveDays = await page.evaluate(() => new Date(Date.now() + 5 * 86_400_000).toLocaleDateString('sv'));
    expect(await page.locator(`td[data-date="${yesterday}"]`).count()).toBe(1);
    expect(await page.locator(`td[data-date="${inFiveDays}"]`).count()).toBe(1);
    expect(await page.locator('.fc-event').count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('.fc-event').filter({ hasText: 'Veröffentlicht' }).first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.fc-event').filter({ hasText: 'Fehlgeschlagen' }).first().isVisible()).resolves.toBe(true);
    expect(report({ plan: await axeSerious(page) })).toBe(report({ plan: [] }));
    await screenshot(page, 'calendar-plan');

    // Drag a scheduled post into the past: the API refuses and the plan shows the server's message.
    const event = page.locator('.fc-event').filter({ hasText: 'Beispielgeld in Leichter Sprache' });
    // Both in the middle of the viewport: near its edge FullCalendar would scroll the page mid-drag.
    await page.locator(`td[data-date="${yesterday}"]`).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const from = (await event.boundingBox())!;
    const to = (await page.locator(`td[data-date="${yesterday}"]`).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 12);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + 16, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Verschieben nicht möglich' }).innerText()).toContain('The new time is in the past.');
    await expect(page.locator(`td[data-date="${yesterday}"] .fc-event`).filter({ hasText: 'Leichter Sprache' }).count()).resolves.toBe(0);

    // Colour by channel: one entry per channel, the legend names the channels.
    const byState = await page.locator('.fc-event').count();
    const colourSwitch = page.locator('[aria-labelledby="colour-by-label"]');
    await colourSwitch.getByText('Kanal', { exact: true }).click();
    await expect.poll(() => page.getByTestId('plan-legend').innerText()).toContain('Bluesky @beispielamt');
    // The demo posts go to both demo channels; posts other journeys add may have one channel only.
    await expect.poll(() => page.locator('.fc-event').count()).toBeGreaterThan(byState);
    await expect(page.locator('.fc-event').filter({ hasText: 'Mastodon social.bund.de' }).first().isVisible()).resolves.toBe(true);
    expect(report({ byChannel: await axeSerious(page) })).toBe(report({ byChannel: [] }));
    await screenshot(page, 'calendar-plan-by-channel');
    await colourSwitch.getByText('Status', { exact: true }).click();

    // Filter by campaign.
    await page.getByRole('combobox', { name: 'Kampagne' }).click();
    await page.getByRole('option', { name: 'Ausbildung 2025' }).click();
    await expect.poll(() => page.locator('.fc-event').count()).toBeLessThan(byState);
    for (const text of await page.locator('.fc-event').allInnerTexts()) expect(text).toMatch(/Verstärkung|Azubi/);
    await page.getByRole('combobox', { name: 'Kampagne' }).click();
    await page.getByRole('option', { name: 'Ausbildung 2025' }).click();
    await expect.poll(() => page.locator('.fc-event').count()).toBe(byState);

    await page.getByRole('button', { name: 'Liste' }).click();
    await page.locator('.fc-list-event').first().waitFor();
    expect(report({ list: await axeSerious(page) })).toBe(report({ list: [] }));
    await page.getByRole('button', { name: 'Monat' }).click();
    await page.locator('.fc-dayGridMonth-view').waitFor();
    expect(report({ month: await axeSerious(page) })).toBe(report({ month: [] }));
  });

  it('writes a post with an image for Bluesky and Mastodon: counters, preview per network, alt-text gate', async () => {
    const page = editor;
    await visit(page, '/calendar/new');
    await settled(page);
    await page.getByTestId('composer-text').fill(TEXT);
    await page.getByRole('checkbox', { name: 'Bluesky @beispielamt' }).check();
    await page.getByRole('checkbox', { name: 'Mastodon social.bund.de' }).check();
    // Bluesky counts the URL in full; Mastodon counts it as 23.
    await expect.poll(() => page.getByTestId('counter-bluesky').innerText()).toContain("154 / 300");
    await expect.poll(() => page.getByTestId('counter-mastodon').innerText()).toContain("82 / 500");
    await page.getByLabel('Veröffentlichungszeit').fill(inThreeDays());
    await page.getByLabel('Kampagne').fill('Digitaler Antrag');

    // Upload a photo: re-encoded by the server, shown with an alt-text field marked as required.
    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#1c7ed6' } }).jpeg().toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'buergerservice.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('composer-image').waitFor();
    const alt = page.getByLabel('Alternativtext für Bild 1');
    expect(await alt.getAttribute('required')).not.toBeNull();
    expect(await page.getByTestId('preview-bluesky').getByText('ALT fehlt').count()).toBe(1);

    // The gate: without alt text the post is not sent for review; the field says why.
    await page.getByRole('button', { name: 'Zur Prüfung senden' }).click();
    await expect.poll(() => page.getByTestId('composer-problems').innerText()).toContain('Bild hat noch keinen Alternativtext');
    await expect.poll(() => page.getByText('Alternativtext fehlt: Beschreiben Sie das Bild.').isVisible()).toBe(true);
    expect(await alt.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('alt-text-0');
    expect(new URL(page.url()).pathname).toBe('/calendar/new');
    expect(report({ gate: await axeSerious(page) })).toBe(report({ gate: [] }));
    await screenshot(page, 'calendar-composer-alt-gate');

    await alt.fill('Mitarbeiterin am Schalter des Bürgerservice zeigt einer Besucherin den Online-Terminkalender.');
    // Preview per network: each shows the text, the image with its ALT badge; Mastodon shows links as written.
    for (const net of ['bluesky', 'mastodon']) {
      const preview = page.getByTestId(`preview-${net}`);
      await expect.poll(() => preview.innerText()).toContain('Neu im Bürgerservice');
      await expect.poll(() => preview.getByText('ALT', { exact: true }).count()).toBe(1);
      expect(await preview.getByRole('img').getAttribute('alt')).toContain('Mitarbeiterin am Schalter');
    }
    expect(report({ composer: await axeSerious(page) })).toBe(report({ composer: [] }));
    await screenshot(page, 'calendar-composer');
    await page.getByRole('button', { name: 'Zur Prüfung senden' }).click();
    await page.waitForURL(/\/calendar\/posts\/[0-9a-f-]{36}$/);
    postUrl = new URL(page.url()).pathname;
    await expect.poll(() => stateBadge(page).innerText()).toBe('In Prüfung');
    await expect(page.getByTestId('four-eyes-note').isVisible()).resolves.toBe(true);
    expect(await approveButton(page).count()).toBe(0);
    await expect.poll(() => page.getByLabel('Alternativtext für Bild 1').inputValue()).toContain('Mitarbeiterin am Schalter');
    expect(report({ post: await axeSerious(page) })).toBe(report({ post: [] }));
    await screenshot(page, 'calendar-post-author');
  });

  it('shows a too-long text as a thread per network and counts it by each rule', async () => {
    const page = editor;
    await visit(page, '/calendar/new');
    // The post page of the previous test has the same fields: wait for the composer's own heading.
    await page.getByRole('heading', { level: 1, name: 'Neuer Beitrag' }).waitFor();
    await settled(page);
    await page.getByRole('checkbox', { name: 'Bluesky @beispielamt' }).check();
    await page.getByRole('checkbox', { name: 'Mastodon social.bund.de' }).check();
    await page.getByTestId('composer-text').fill(Array.from({ length: 9 }, (_, i) => `Hinweis ${i + 1}: Das Antragsportal ist am Samstag von 6 bis 10 Uhr nicht erreichbar.`).join(' '));
    await expect.poll(() => page.getByTestId('preview-bluesky').innerText()).toContain('Thread: 3 Beiträge');
    await expect.poll(() => page.getByTestId('preview-mastodon').innerText()).toContain('Thread: 2 Beiträge');
    await expect.poll(() => page.getByTestId('counter-bluesky').innerText()).toContain('/ 300');
    await page.getByRole('button', { name: 'Zur Prüfung senden' }).click();
    await expect.poll(() => page.getByTestId('composer-problems').innerText()).toContain('Kürzen Sie');
    await screenshot(page, 'calendar-composer-thread');
    // Chosen as a thread, the same text passes: each part fits, and the post page lists the parts.
    await page.getByRole('switch', { name: 'Lange Texte als Thread veröffentlichen' }).check();
    await expect.poll(() => page.getByTestId('counter-bluesky').innerText()).toContain('als Thread: 3 Beiträge');
    await expect.poll(() => page.getByTestId('preview-bluesky').innerText()).toContain('Wird als Thread veröffentlicht');
    await page.getByRole('button', { name: 'Zur Prüfung senden' }).click();
    await page.waitForURL(/\/calendar\/posts\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('thread-progress').first().innerText()).toMatch(/Thread: 0 von [23] Beiträgen veröffentlicht/);
    expect(await page.getByTestId('thread-progress').count()).toBe(2);
    expect(report({ thread: await axeSerious(page) })).toBe(report({ thread: [] }));
    await screenshot(page, 'calendar-post-thread');
  });

  it('keeps images in the media library, where alt text is added and an image in use cannot be deleted', async () => {
    const page = editor;
    await visit(page, '/calendar/media');
    await page.getByRole('heading', { level: 1, name: 'Mediathek' }).waitFor();
    await settled(page);
    await page.getByTestId('library-item').first().waitFor();
    // Four demo images plus the photo uploaded in the composer (and whatever other journeys uploaded): the library shows them all.
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { workspaces: { id: string; name: string }[] };
    const wsId = me.workspaces.find((w) => w.name === 'Bundesamt für Beispielwesen')!.id;
    const stored = ((await (await page.request.get(`/api/v1/workspaces/${wsId}/media`)).json()) as { items: { filename: string; altText: string }[] }).items;
    expect(stored.length).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('library-item').count()).toBe(stored.length);
    const missing = stored.filter((m) => !m.altText.trim()).length;
    expect(stored.find((m) => m.filename === 'azubi-speed-dating.jpg')?.altText).toBe('');
    await expect.poll(() => page.getByTestId('library-missing-alt').innerText()).toContain(missing === 1 ? '1 Bild hat noch keinen Alternativtext' : `${missing} Bilder haben noch keinen Alternativtext`);
    expect(report({ library: await axeSerious(page) })).toBe(report({ library: [] }));
    await screenshot(page, 'calendar-media-library');
    const trainees = page.getByTestId('library-item').filter({ hasText: 'azubi-speed-dating.jpg' });
    await trainees.getByLabel('Alternativtext von azubi-speed-dating.jpg').fill('Vier Tische mit je zwei Personen im Gespräch beim Azubi-Speed-Dating.');
    await trainees.getByRole('button', { name: 'Alternativtext speichern' }).click();
    if (missing === 1) await expect.poll(() => page.getByTestId('library-missing-alt').count()).toBe(0);
    else await expect.poll(() => page.getByTestId('library-missing-alt').innerText()).toContain(missing === 2 ? '1 Bild hat' : `${missing - 1} Bilder haben`);
    // Used by a post: cannot be deleted.
    expect(await trainees.getByRole('button', { name: 'Löschen: azubi-speed-dating.jpg' }).isDisabled()).toBe(true);
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
    // The two demo channels (other journeys may have added their own by now).
    const demoRow = owner.getByTestId('channel-row').filter({ hasText: 'Bluesky @beispielamt' });
    await demoRow.waitFor();
    expect(await owner.getByTestId('channel-row').filter({ hasText: 'Mastodon social.bund.de' }).count()).toBe(1);
    await expect(demoRow.innerText()).resolves.toContain('Nicht verbunden');
    await expect(demoRow.innerText()).resolves.toMatch(/\d{2}:\d{2}/);
    await expect(owner.getByTestId('alt-text-policy').isChecked()).resolves.toBe(true);
    expect(report({ channels: await axeSerious(owner) })).toBe(report({ channels: [] }));
    await owner.getByRole('button', { name: 'Slots bearbeiten (Bluesky @beispielamt)' }).click();
    await owner.getByLabel('Uhrzeit von Slot 1').waitFor();
    expect(report({ slots: await axeSerious(owner) })).toBe(report({ slots: [] }));
    await screenshot(owner, 'calendar-channel-slots');
    await owner.keyboard.press('Escape');
    await owner.getByRole('button', { name: 'Bluesky @beispielamt verbinden' }).click();
    await owner.getByLabel('App-Passwort').waitFor();
    expect(report({ connect: await axeSerious(owner) })).toBe(report({ connect: [] }));
    await screenshot(owner, 'calendar-channels-connect');
  });
});

