/**
 * The inbox journey against the local Bluesky PDS (the worker of `resonanz start` ingests from the
 * PDS firehose): a reply to our post appears live in the open inbox, is routed to the person on
 * duty (roster + routing rule), shows a running SLA timer, a colleague sees "is replying", a saved
 * reply in Sie form answers it, and the answer is on the PDS in the right thread (root + parent).
 * The inbox pages and the expert link page pass axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, baseUrl, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';
import { connectBlueskyChannel, createPdsAccount, eventually, listRecords, type PdsAccount } from './pds.ts';

let browser: Browser;
let amt: PdsAccount;
let anna: PdsAccount;
const CHANNEL = 'Bluesky Posteingang-PDS';
const QUESTION = `Können Sie mir sagen, ob der Bürgerservice am Samstag geöffnet hat? ${Date.now().toString(36)}`;
let workspaceId = '';
let channelId = '';
let root = { uri: '', cid: '' };
let question = { uri: '', cid: '' };

async function as(email: string): Promise<Page> {
  const page = await (await newContext(browser, 'de')).newPage();
  await login(page, email, demoPassword());
  return page;
}
async function api(page: Page, method: 'get' | 'post' | 'delete', path: string, data?: unknown) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const res = await page.request[method](`${baseUrl()}/api/v1${path}`, { headers: { 'x-csrf-token': me.csrfToken }, ...(data ? { data } : {}) });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

beforeAll(async () => {
  browser = await launch();
  amt = await createPdsAccount('amtinbox');
  anna = await createPdsAccount('anna');
});
afterAll(async () => {
  await browser?.close();
});

describe('inbox on a local PDS', () => {
  it('connects our account, puts Kemal on duty for the channel and routes its items to whoever is on duty', async () => {
    const owner = await as(DEMO_EMAIL);
    const me = await (await owner.request.get(`${baseUrl()}/api/v1/auth/me`)).json();
    workspaceId = me.workspaces.find((w: { name: string }) => w.name === 'Bundesamt für Beispielwesen').id;
    await connectBlueskyChannel(owner, CHANNEL, amt);
    const chans = await api(owner, 'get', `/workspaces/${workspaceId}/channels`);
    channelId = chans.items.find((c: { name: string }) => c.name === CHANNEL).id;
    const team = await api(owner, 'get', `/workspaces/${workspaceId}/members`);
    const kemal = team.members.find((m: { email: string }) => m.email === 'community@resonanz.local').userId;
    const now = Date.now();
    await api(owner, 'post', `/workspaces/${workspaceId}/roster/shifts`, {
      duty: 'channel', channelId, userId: kemal, recurrence: 'once', startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 4 * 3_600_000).toISOString(),
    });
    await api(owner, 'post', `/workspaces/${workspaceId}/inbox/rules`, { name: 'Posteingang-PDS an den Dienst', conditions: { channelIds: [channelId] }, actions: { assign: { type: 'on_duty' } } });
    // Our post that people will answer.
    root = await amt.agent.post({ text: 'Ab Montag gelten neue Öffnungszeiten im Bürgerservice.', langs: ['de'] });
    await owner.close();
  });

  it('shows the reply live, assigned to the person on duty, with a running SLA timer; a colleague sees who is replying', async () => {
    const kemal = await as('community@resonanz.local');
    await visit(kemal, '/inbox');
    await settled(kemal);
    await kemal.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
    await kemal.getByRole('combobox', { name: 'Kanal' }).click();
    await kemal.getByRole('option', { name: CHANNEL }).click();
    await kemal.getByText('Keine Nachrichten in dieser Ansicht').waitFor();
    // Written only now, with the inbox open: it must arrive without a reload.
    question = await anna.agent.post({ text: QUESTION, langs: ['de'], reply: { root, parent: root } });
    const rowOf = kemal.getByTestId('inbox-row').filter({ hasText: QUESTION });
    await rowOf.waitFor({ timeout: 60_000 });
    expect(await rowOf.innerText()).toContain('bei Kemal Community');
    const timer = rowOf.getByTestId('sla-timer');
    expect(await timer.innerText()).toMatch(/^noch \d+/);
    expect(['ok', 'warning']).toContain(await timer.getAttribute('data-sla-state'));
    expect(await timer.getAttribute('title')).toMatch(/^Fällig: /);
    await rowOf.click();
    await kemal.getByTestId('conversation').waitFor();
    await expect.poll(() => kemal.getByTestId('item-text').innerText()).toBe(QUESTION);
    expect(report({ inbox: await axeSerious(kemal) })).toBe(report({ inbox: [] }));
    await screenshot(kemal, 'inbox-conversation');

    const itemUrl = new URL(kemal.url()).pathname;
    const owner = await as(DEMO_EMAIL);
    await visit(owner, itemUrl);
    await settled(owner);
    await owner.getByTestId('conversation').waitFor();
    await kemal.getByTestId('reply-text').fill('Guten Tag');
    await owner.getByTestId('collision-warning').filter({ hasText: 'Kemal Community' }).waitFor({ timeout: 20_000 });
    await screenshot(owner, 'inbox-collision');
    await owner.close();

    // A saved reply in Sie form (the workspace default) answers it.
    await kemal.getByRole('combobox', { name: 'Textbaustein' }).click();
    await kemal.getByRole('option', { name: 'Wir prüfen das · DE · Sie (Standard)' }).click();
    const expected = `Danke für Ihre Nachricht, ${anna.handle}. Wir klären das mit der Fachabteilung und melden uns hier so bald wie möglich.`;
    await expect.poll(() => kemal.getByTestId('reply-text').inputValue()).toBe(expected);
    await kemal.getByTestId('reply-send').click();
    await kemal.getByText('Antwort veröffentlicht.').waitFor({ timeout: 20_000 });
    const answer = await eventually(async () => (await listRecords(amt.did)).find((r) => r.value.reply?.parent?.uri === question.uri), 20_000, 'the answer on the PDS');
    expect(answer.value.text).toBe(expected);
    expect(answer.value.reply.root.uri).toBe(root.uri);
    expect(answer.value.reply.parent.cid).toBe(question.cid);
    await kemal.getByTestId('reply-card').filter({ hasText: 'Gesendet' }).waitFor();
    await screenshot(kemal, 'inbox-answered');
    await kemal.close();
  });

  it('the inbox pages and the expert link page pass axe; a bad expert link says why', async () => {
    const cvd = await as('cvd@resonanz.local');
    for (const route of ['/inbox', '/inbox/saved-replies', '/inbox/rules']) {
      await visit(cvd, route);
      await settled(cvd);
      if (route === '/inbox') await cvd.getByTestId('inbox-list').waitFor();
      expect(report({ [route]: await axeSerious(cvd) })).toBe(report({ [route]: [] }));
    }
    await screenshot(cvd, 'inbox-rules');
    await visit(cvd, '/inbox');
    await settled(cvd);
    await cvd.getByTestId('inbox-list').waitFor();
    await cvd.keyboard.press('?');
    await cvd.getByRole('dialog', { name: 'Tastenkürzel' }).waitFor();
    expect(report({ shortcuts: await axeSerious(cvd) })).toBe(report({ shortcuts: [] }));
    await cvd.keyboard.press('Escape');
    await cvd.keyboard.press('j');
    await cvd.waitForURL(/\/inbox\/items\/[0-9a-f-]{36}$/);
    await screenshot(cvd, 'inbox-list');
    // A demo comment on our published post shows that post above the conversation.
    const list = await api(cvd, 'get', `/workspaces/${workspaceId}/inbox/items?status=new,assigned,waiting,done&limit=100`);
    let withPost: string | null = null;
    for (const it of list.items as { id: string; inReplyToOurPost: boolean }[]) {
      if (!it.inReplyToOurPost) continue;
      const conv = await api(cvd, 'get', `/workspaces/${workspaceId}/inbox/items/${it.id}`);
      if (conv.ourPost) {
        withPost = it.id;
        break;
      }
    }
    expect(withPost).not.toBeNull();
    await visit(cvd, `/inbox/items/${withPost}`);
    await settled(cvd);
    const ours = cvd.getByRole('region', { name: 'Unser Beitrag, auf den geantwortet wurde' });
    await ours.waitFor();
    expect(await ours.innerText()).toMatch(/^Unser Beitrag/);
    expect(report({ ourPost: await axeSerious(cvd) })).toBe(report({ ourPost: [] }));
    await screenshot(cvd, 'inbox-our-post');
    // Kemal is away for a day with Clara standing in: his open items say so, with one click to hand over.
    const team = await api(cvd, 'get', `/workspaces/${workspaceId}/members`);
    const userOf = (email: string) => team.members.find((m: { email: string }) => m.email === email).userId as string;
    const kemalId = userOf('community@resonanz.local');
    const absence = await api(cvd, 'post', `/workspaces/${workspaceId}/roster/absences`, { userId: kemalId, substituteId: userOf('cvd@resonanz.local'), startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    const his = (await api(cvd, 'get', `/workspaces/${workspaceId}/inbox/items?assignee=${kemalId}&limit=1`)).items[0] as { id: string };
    await visit(cvd, `/inbox/items/${his.id}`);
    await settled(cvd);
    const away = cvd.getByTestId('assignee-absent');
    await away.waitFor();
    expect(await away.innerText()).toMatch(/Kemal Community ist bis .+ abwesend; Vertretung: Clara vom Dienst\./);
    await away.getByRole('button', { name: 'Clara vom Dienst zuweisen' }).waitFor();
    expect(report({ absent: await axeSerious(cvd) })).toBe(report({ absent: [] }));
    await screenshot(cvd, 'inbox-assignee-absent');
    // The assignee picker re-reads absences when it opens: Kemal comes last, marked as away.
    await cvd.getByTestId('assignee-select').click();
    const options = cvd.getByRole('option');
    await expect.poll(async () => (await options.allInnerTexts()).at(-1)).toMatch(/^Kemal Community – abwesend bis .+, Vertretung: Clara vom Dienst$/);
    expect(report({ picker: await axeSerious(cvd) })).toBe(report({ picker: [] }));
    await screenshot(cvd, 'inbox-assignee-picker-absent', { viewport: true });
    await cvd.keyboard.press('Escape');
    // The department directory on the rules page: a new entry is listed and offered when forwarding.
    await visit(cvd, '/inbox/rules');
    await settled(cvd);
    const directory = cvd.getByRole('table', { name: 'Fachstellen für Rückfragen' });
    await directory.waitFor();
    const entry = cvd.getByRole('form', { name: 'Fachstelle eintragen' });
    await entry.getByRole('textbox', { name: 'Fachbereich / Abteilung' }).fill('Referat Datenschutz');
    await entry.getByRole('textbox', { name: 'Name' }).fill('Jonas Roth');
    await entry.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('Datenschutz@beispielamt.example');
    await entry.getByRole('button', { name: 'Eintragen' }).click();
    await directory.getByRole('row').filter({ hasText: 'datenschutz@beispielamt.example' }).waitFor();
    expect(report({ directory: await axeSerious(cvd) })).toBe(report({ directory: [] }));
    await screenshot(cvd, 'inbox-expert-directory');
    await visit(cvd, `/inbox/items/${his.id}`);
    await settled(cvd);
    // Forwarding to an expert offers the directory (the demo's Dr. Petra Lang, the new entry) and fills a contact in.
    await cvd.getByRole('button', { name: 'An Fachstelle' }).click();
    const dialog = cvd.getByRole('dialog', { name: 'An Fachstelle weiterleiten' });
    await dialog.getByLabel('Bekannter Kontakt').click();
    await cvd.getByRole('option', { name: 'Jonas Roth · Referat Datenschutz · datenschutz@beispielamt.example' }).waitFor();
    await cvd.getByRole('option', { name: /^Dr\. Petra Lang · Referat Steuerrecht · steuerrecht@beispielamt\.example$/ }).click();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'E-Mail-Adresse' }).inputValue()).toBe('steuerrecht@beispielamt.example');
    expect(await dialog.getByRole('textbox', { name: 'Fachbereich / Abteilung' }).inputValue()).toBe('Referat Steuerrecht');
    expect(report({ escalate: await axeSerious(cvd) })).toBe(report({ escalate: [] }));
    await screenshot(cvd, 'inbox-escalate-known-contact');
    await cvd.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const added = (await api(cvd, 'get', `/workspaces/${workspaceId}/inbox/expert-contacts`)).items.find((x: { email: string }) => x.email === 'datenschutz@beispielamt.example');
    await api(cvd, 'delete', `/workspaces/${workspaceId}/inbox/expert-contacts/${added.id}`);
    await api(cvd, 'delete', `/workspaces/${workspaceId}/roster/absences/${absence.id}`);
    await cvd.close();
    const stranger = await (await newContext(browser, 'de')).newPage();
    await stranger.goto(`/expert/${'x'.repeat(43)}`);
    await stranger.getByText('Link unbekannt').waitFor();
    expect(report({ expert: await axeSerious(stranger) })).toBe(report({ expert: [] }));
    await screenshot(stranger, 'inbox-expert-unknown-link');
    await stranger.close();
  });
});
