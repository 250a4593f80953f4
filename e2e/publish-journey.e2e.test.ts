/**
 * The publishing journey of the issue, end to end against a real local Bluesky PDS: the owner
 * connects a Bluesky account (app password, own PDS), an editor writes a post with an image and alt
 * text, the editors' step and the approver approve it (four-eyes), it shows as scheduled in the
 * plan, the worker inside `resonanz start` publishes it, the post page turns "published" — and the
 * PDS stores the post with the image blob and its alt text. Then the approver withdraws it (a reason is
 * required) and the post is gone from the PDS.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';
import { connectBlueskyChannel, createPdsAccount, eventually, listRecords, type PdsAccount } from './pds.ts';

let browser: Browser;
let account: PdsAccount;
const CHANNEL = 'Bluesky Test-PDS';
const TEXT = `Unser Bürgerservice hat neue Öffnungszeiten – ab sofort auch samstags. #Service ${Date.now().toString(36)}`;
const ALT = 'Eingang des Bürgerservice mit einem Schild, auf dem die neuen Öffnungszeiten stehen.';

async function as(email: string): Promise<Page> {
  const page = await (await newContext(browser, 'de')).newPage();
  await login(page, email, demoPassword());
  return page;
}

/** Wall-clock time in Europe/Berlin (the demo workspace's zone), `minutes` from now, for the datetime field. */
function berlinIn(minutes: number): string {
  const at = new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000);
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

beforeAll(async () => {
  browser = await launch();
  account = await createPdsAccount('amt');
});
afterAll(async () => {
  await browser?.close();
});

describe('publishing journey on a local PDS', () => {
  let postUrl = '';

  it('connects a Bluesky account with an app password on the PDS', async () => {
    const owner = await as(DEMO_EMAIL);
    await connectBlueskyChannel(owner, CHANNEL, account);
    await owner.close();
  });

  it('an editor writes the post with an image and alt text and submits it', async () => {
    const editor = await as('redaktion@resonanz.local');
    await visit(editor, '/calendar/new');
    await editor.getByRole('heading', { level: 1, name: 'Neuer Beitrag' }).waitFor();
    await settled(editor);
    await editor.getByTestId('composer-text').fill(TEXT);
    await editor.getByRole('checkbox', { name: CHANNEL }).check();
    const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#2f9e44' } }).jpeg().toBuffer();
    await editor.locator('input[type=file]').setInputFiles({ name: 'oeffnungszeiten.jpg', mimeType: 'image/jpeg', buffer: photo });
    await editor.getByTestId('composer-image').waitFor();
    await editor.getByLabel('Alternativtext für Bild 1').fill(ALT);
    // Late enough for two approvals on a busy machine; the worker publishes at this minute.
    await editor.getByLabel('Veröffentlichungszeit').fill(berlinIn(2));
    await editor.getByRole('button', { name: 'Zur Prüfung senden' }).click();
    await editor.waitForURL(/\/calendar\/posts\/[0-9a-f-]{36}$/);
    postUrl = new URL(editor.url()).pathname;
    await expect.poll(() => editor.getByTestId('post-state').innerText()).toBe('In Prüfung');
    await editor.close();
  });

  it('is approved in two steps by two other people and is scheduled in the plan', async () => {
    expect(postUrl).not.toBe('');
    // Default chain: Redaktion (another editor; here the owner) → Freigabe (the approver).
    for (const [email, step] of [[DEMO_EMAIL, 0], ['freigabe@resonanz.local', 1]] as const) {
      const reviewer = await as(email);
      await visit(reviewer, postUrl);
      await settled(reviewer);
      await reviewer.getByRole('button', { name: 'Freigeben', exact: true }).click();
      await expect.poll(() => reviewer.getByTestId('approval-step').nth(step).innerText()).toBe('erledigt');
      await reviewer.close();
    }
    const editor = await as('redaktion@resonanz.local');
    await visit(editor, postUrl);
    await settled(editor);
    await expect.poll(() => editor.getByTestId('post-state').innerText()).toBe('Geplant');
    await visit(editor, '/calendar');
    await settled(editor);
    await expect.poll(() => editor.locator('.fc-event').filter({ hasText: 'neue Öffnungszeiten' }).innerText()).toContain('Geplant');
    await editor.close();
  });

  it('is published by the worker, shown as published, and stored on the PDS with the image and its alt text', async () => {
    const record = await eventually(async () => (await listRecords(account.did)).find((r) => r.value.text === TEXT), 200_000, 'post on the PDS');
    expect(record.value.embed.$type).toBe('app.bsky.embed.images');
    expect(record.value.embed.images).toHaveLength(1);
    expect(record.value.embed.images[0].alt).toBe(ALT);
    expect(record.value.embed.images[0].image.mimeType).toBe('image/jpeg');
    expect(record.value.embed.images[0].image.size).toBeLessThanOrEqual(1_000_000);
    expect(record.value.langs).toEqual(['de']);
    expect(record.value.facets?.some((f: { features: { $type: string }[] }) => f.features.some((x) => x.$type === 'app.bsky.richtext.facet#tag'))).toBe(true);
    const editor = await as('redaktion@resonanz.local');
    await visit(editor, postUrl);
    await settled(editor);
    await expect.poll(() => editor.getByTestId('post-state').innerText(), { timeout: 20_000 }).toBe('Veröffentlicht');
    await editor.close();
  }, 240_000);

  it('is withdrawn by the approver with a reason and disappears from the PDS', async () => {
    const approver = await as('freigabe@resonanz.local');
    await visit(approver, postUrl);
    await settled(approver);
    await approver.getByTestId('target-row').getByRole('button', { name: 'Zurückziehen' }).click();
    const dialog = approver.getByRole('dialog', { name: `Beitrag auf ${CHANNEL} zurückziehen` });
    const confirm = dialog.getByRole('button', { name: 'Im Netzwerk löschen' });
    expect(await confirm.isDisabled()).toBe(true); // no reason, no withdrawal
    await dialog.getByLabel('Grund').fill('Öffnungszeiten gelten erst ab nächster Woche');
    expect(await axeSerious(approver), report({ withdraw: await axeSerious(approver) })).toEqual([]);
    await screenshot(approver, 'publish-withdraw-dialog');
    await confirm.click();
    await expect.poll(() => approver.getByTestId('post-state').innerText(), { timeout: 20_000 }).toBe('Zurückgezogen');
    await eventually(async () => ((await listRecords(account.did)).some((r) => r.value.text === TEXT) ? undefined : true), 20_000, 'post gone from the PDS');
    await approver.close();
  }, 60_000);
});

