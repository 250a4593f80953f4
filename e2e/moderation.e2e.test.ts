/**
 * Moderation by netiquette, end to end against the local Bluesky PDS: an insulting reply to our
 * post arrives in the inbox (the worker of `resonanz start` ingests it), the community manager hides
 * it in the browser on a netiquette clause with a reason, the reply is hidden on the PDS (threadgate
 * of our root post), and the moderation record shows the action with its evidence. The public
 * netiquette page and the community pages pass axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, baseUrl, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';
import { connectBlueskyChannel, createPdsAccount, eventually, getRecord, listRecords, type PdsAccount } from './pds.ts';

let browser: Browser;
let amt: PdsAccount;
let troll: PdsAccount;
const CHANNEL = 'Bluesky Moderation-PDS';
const INSULT = `Ihr Behördenhengste seid zu dumm zum Lesen ${Date.now().toString(36)}`;
let replyUri = '';
let rootUri = '';
let workspaceId = '';
let slug = '';

async function as(email: string, lang: 'de' | 'en' = 'de'): Promise<Page> {
  const page = await (await newContext(browser, lang)).newPage();
  await login(page, email, demoPassword());
  return page;
}

beforeAll(async () => {
  browser = await launch();
  amt = await createPdsAccount('amtmod');
  troll = await createPdsAccount('troll');
});
afterAll(async () => {
  await browser?.close();
});

describe('moderation by netiquette on a local PDS', () => {
  it('connects our Bluesky account and receives an insulting reply to our post in the inbox', async () => {
    const owner = await as(DEMO_EMAIL);
    const me = await (await owner.request.get(`${baseUrl()}/api/v1/auth/me`)).json();
    const ws = me.workspaces.find((w: { name: string }) => w.name === 'Bundesamt für Beispielwesen');
    workspaceId = ws.id;
    slug = ws.slug;
    await connectBlueskyChannel(owner, CHANNEL, amt);
    // Our post (the thread root, so the reply can be hidden through our threadgate) and the insult.
    const root = await amt.agent.post({ text: 'Ab Montag gelten neue Öffnungszeiten im Bürgerservice.' });
    rootUri = root.uri;
    const reply = await troll.agent.post({ text: INSULT, reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } } });
    replyUri = reply.uri;
    await owner.close();
  });

  it('the community manager hides the reply on a netiquette clause; the PDS hides it and the record keeps the evidence', async () => {
    const cm = await as('community@resonanz.local');
    const item = await eventually(async () => {
      const r = await cm.request.get(`${baseUrl()}/api/v1/workspaces/${workspaceId}/inbox/items?q=${encodeURIComponent('Behördenhengste')}`);
      const body = await r.json();
      return (body.items as { id: string; text: string }[] | undefined)?.find((i) => i.text === INSULT);
    }, 60_000, 'the insulting reply in the inbox');
    await visit(cm, `/community/moderation/items/${item.id}`);
    await settled(cm);
    await expect.poll(() => cm.getByTestId('item-text').innerText()).toBe(INSULT);
    expect(report({ item: await axeSerious(cm) })).toBe(report({ item: [] }));
    await cm.getByRole('group', { name: 'Moderationsmaßnahmen' }).getByRole('button', { name: 'Ausblenden' }).click();
    const dialog = cm.getByRole('dialog');
    // Without a clause the server refuses and names the field; nothing is sent to the PDS.
    await dialog.getByRole('textbox', { name: 'Begründung' }).fill('Herabwürdigung der Mitarbeitenden');
    await dialog.getByRole('button', { name: 'Ausblenden' }).click();
    await dialog.getByText('every moderation action must name the netiquette clause it rests on').waitFor();
    await screenshot(cm, 'moderation-dialog-missing-clause');
    await dialog.getByRole('combobox', { name: 'Netiquette-Klausel' }).click();
    await cm.getByRole('option', { name: 'Beleidigungen und Herabwürdigungen' }).click();
    expect(report({ dialog: await axeSerious(cm) })).toBe(report({ dialog: [] }));
    await dialog.getByRole('button', { name: 'Ausblenden' }).click();
    // The detail page of the new action: status, clause, evidence.
    await cm.waitForURL(/\/community\/moderation\/[0-9a-f-]{36}$/);
    await settled(cm);
    await cm.getByText('Im Netzwerk ausgeführt').first().waitFor();
    await expect.poll(() => cm.locator('blockquote').innerText()).toBe(INSULT);
    await cm.getByText(troll.handle).first().waitFor();
    expect(report({ detail: await axeSerious(cm) })).toBe(report({ detail: [] }));
    await screenshot(cm, 'moderation-action-evidence');
    // On the PDS: our root post's threadgate lists the reply as hidden.
    const gate = await eventually(() => getRecord(`${rootUri.replace('app.bsky.feed.post', 'app.bsky.feed.threadgate')}`), 10_000, 'the threadgate');
    expect(gate.hiddenReplies).toEqual([replyUri]);
    // The record lists it, filterable by clause.
    await visit(cm, '/community/moderation');
    await settled(cm);
    const rowOf = cm.getByRole('row').filter({ hasText: 'Herabwürdigung der Mitarbeitenden' });
    await rowOf.first().waitFor();
    expect(await rowOf.first().innerText()).toContain('Beleidigungen und Herabwürdigungen');
    expect(await rowOf.first().innerText()).toContain(troll.handle);
    expect(report({ record: await axeSerious(cm) })).toBe(report({ record: [] }));
    await screenshot(cm, 'moderation-record');
    await cm.close();
  });

  it('a warning answers the author in the thread: the reply is on the PDS and the record says so', async () => {
    const cm = await as('community@resonanz.local');
    const items = await (await cm.request.get(`${baseUrl()}/api/v1/workspaces/${workspaceId}/inbox/items?q=${encodeURIComponent('Behördenhengste')}`)).json();
    await visit(cm, `/community/moderation/items/${items.items[0].id}`);
    await settled(cm);
    await cm.getByRole('group', { name: 'Moderationsmaßnahmen' }).getByRole('button', { name: 'Verwarnen' }).click();
    const dialog = cm.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Netiquette-Klausel' }).click();
    await cm.getByRole('option', { name: 'Beleidigungen und Herabwürdigungen' }).click();
    await dialog.getByRole('textbox', { name: 'Begründung' }).fill('Erste Verwarnung wegen Herabwürdigung');
    await dialog.getByRole('checkbox', { name: 'Der Person auch öffentlich im Thread antworten' }).check();
    const answer = dialog.getByRole('textbox', { name: 'Antwort an die Person' });
    // The answer is prefilled with the clause and the link to the public netiquette.
    await expect.poll(() => answer.inputValue()).toBe(`Bitte beachten Sie unsere Netiquette – „Beleidigungen und Herabwürdigungen“: ${baseUrl()}/netiquette/${slug}?lang=de`);
    expect(report({ warn: await axeSerious(cm) })).toBe(report({ warn: [] }));
    await screenshot(cm, 'moderation-warn-answer');
    await dialog.getByRole('button', { name: 'Verwarnen' }).click();
    await cm.waitForURL(/\/community\/moderation\/[0-9a-f-]{36}$/);
    await settled(cm);
    await cm.getByText('Öffentlich geantwortet').first().waitFor();
    // On the PDS: our account answered the troll's reply in the same thread.
    const ours = await eventually(async () => (await listRecords(amt.did)).find((r) => r.value.reply?.parent?.uri === replyUri), 20_000, 'our answer on the PDS');
    expect(ours.value.reply.root.uri).toBe(rootUri);
    expect(ours.value.text).toContain('Beleidigungen und Herabwürdigungen');
    await cm.close();
  });

  it('a community manager may not ban: the block button is not offered and the API refuses with 403', async () => {
    const cm = await as('community@resonanz.local');
    const items = await (await cm.request.get(`${baseUrl()}/api/v1/workspaces/${workspaceId}/inbox/items?q=${encodeURIComponent('Behördenhengste')}`)).json();
    await visit(cm, `/community/moderation/items/${items.items[0].id}`);
    await settled(cm);
    await cm.getByRole('group', { name: 'Moderationsmaßnahmen' }).waitFor();
    expect(await cm.getByRole('group', { name: 'Moderationsmaßnahmen' }).getByRole('button', { name: 'Sperren' }).count()).toBe(0);
    await cm.close();
  });

  it('the community pages (roster, netiquette, response times) pass axe', async () => {
    const cvd = await as('cvd@resonanz.local');
    const found: Record<string, unknown[]> = {};
    const pages: [string, string][] = [['/community/roster', 'Dienstplan'], ['/community/netiquette', 'Netiquette'], ['/community/sla', 'Reaktionszeiten'], ['/community/privacy', 'Datenschutz']];
    for (const [route, heading] of pages) {
      await visit(cvd, route);
      await cvd.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(cvd);
      found[route] = await axeSerious(cvd);
      await screenshot(cvd, `community-${route.split('/').pop()}`);
    }
    // Targets per channel and priority, and a closed day: set, saved, still there after a reload, then removed again.
    await visit(cvd, '/community/sla');
    await cvd.getByRole('heading', { level: 1, name: 'Reaktionszeiten' }).waitFor();
    await settled(cvd);
    await cvd.getByRole('button', { name: 'Regel hinzufügen' }).click();
    await cvd.getByRole('combobox', { name: 'Priorität (Regel 1)' }).click();
    await cvd.getByRole('option', { name: 'Niedrig' }).click();
    await cvd.getByRole('textbox', { name: 'Erste Antwort, Min. (Regel 1)' }).fill('600');
    await cvd.getByRole('button', { name: 'Schließtag hinzufügen' }).click();
    await cvd.getByLabel('Datum (Schließtag 1)').fill('2030-12-24');
    await cvd.getByRole('textbox', { name: 'Bezeichnung (Schließtag 1)' }).fill('Heiligabend');
    await cvd.getByRole('button', { name: 'Speichern' }).click();
    await cvd.getByText('Gespeichert').waitFor();
    found['/community/sla (targets)'] = await axeSerious(cvd);
    await screenshot(cvd, 'community-sla-targets');
    await visit(cvd, '/community/sla');
    await cvd.getByRole('heading', { level: 1, name: 'Reaktionszeiten' }).waitFor();
    await expect.poll(() => cvd.getByRole('textbox', { name: 'Erste Antwort, Min. (Regel 1)' }).inputValue()).toBe('600');
    expect(await cvd.getByRole('textbox', { name: 'Bezeichnung (Schließtag 1)' }).inputValue()).toBe('Heiligabend');
    await cvd.getByRole('button', { name: 'Regel 1 entfernen' }).click();
    await cvd.getByRole('button', { name: 'Schließtag 1 entfernen' }).click();
    await cvd.getByRole('button', { name: 'Speichern' }).click();
    await cvd.getByText('Gespeichert').waitFor();
    // A one-off shift: created, edited, deleted.
    await visit(cvd, '/community/roster');
    await cvd.getByRole('heading', { level: 1, name: 'Dienstplan' }).waitFor();
    await settled(cvd);
    await cvd.getByRole('button', { name: 'Schicht anlegen' }).click();
    const dialog = cvd.getByRole('dialog', { name: 'Schicht anlegen' });
    await dialog.getByText('Einmalig').click();
    await dialog.getByRole('textbox', { name: 'Person' }).or(dialog.getByRole('combobox', { name: 'Person' })).first().click();
    await cvd.getByRole('option', { name: 'Clara vom Dienst' }).click();
    await dialog.getByLabel('Beginn').fill('2030-06-03T09:00');
    await dialog.getByLabel('Ende').fill('2030-06-03T13:00');
    found['/community/roster (one-off shift)'] = await axeSerious(cvd);
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = cvd.getByText(/Clara vom Dienst · 03\.06\.30, 09:00 – 03\.06\.30, 13:00/);
    await row.waitFor();
    await row.locator('xpath=..').getByRole('button', { name: 'Bearbeiten' }).click();
    const edit = cvd.getByRole('dialog', { name: 'Schicht bearbeiten' });
    expect(await edit.getByLabel('Beginn').inputValue()).toBe('2030-06-03T09:00');
    await edit.getByLabel('Ende').fill('2030-06-03T15:00');
    await edit.getByRole('button', { name: 'Speichern' }).click();
    const edited = cvd.getByText(/Clara vom Dienst · 03\.06\.30, 09:00 – 03\.06\.30, 15:00/);
    await edited.waitFor();
    await edited.locator('xpath=..').getByRole('button', { name: 'Löschen' }).click();
    await edited.waitFor({ state: 'detached' });
    await cvd.locator('.fc-event').first().waitFor();
    await screenshot(cvd, 'community-roster');
    expect(report(found as never)).toBe(report(Object.fromEntries(Object.keys(found).map((k) => [k, []])) as never));
    await cvd.close();
  });

  it('the public netiquette page is readable without an account, in German and English, and passes axe', async () => {
    const page = await (await newContext(browser, 'de')).newPage();
    await page.goto(`/netiquette/${slug}`);
    await page.getByRole('heading', { level: 1, name: 'Netiquette' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '§ 1 Beleidigungen und Herabwürdigungen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(report({ de: await axeSerious(page) })).toBe(report({ de: [] }));
    await screenshot(page, 'netiquette-public-de');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: '§ 1 Insults and disparagement' }).waitFor();
    expect(report({ en: await axeSerious(page) })).toBe(report({ en: [] }));
    await screenshot(page, 'netiquette-public-en');
    await page.close();
  });
});
