/**
 * Crisis journeys in the browser, against the real server, the real spike-alert runner and a local
 * Bluesky PDS: a replayed spike of negative mentions proposes a crisis; the duty editor confirms it;
 * a post due one minute later is not published; a pre-approved holding statement goes out on the
 * PDS through the fast track; the crisis is ended and its report generated. Then a drill runs and
 * refuses to publish (nothing reaches the PDS). axe on every crisis page.
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, visit } from './helpers.ts';
import { createPdsAccount, eventually, listRecords, pdsUrl, type PdsAccount } from './pds.ts';

const CVD = 'cvd@resonanz.local';
const APPROVER = 'freigabe@resonanz.local';
let browser: Browser;
let cvd: Page;
let owner: Page;
let approver: Page;
let account: PdsAccount;
let ws = '';
let channelId = '';
let crisisId = '';
let duePostId = '';
let dueAt = 0;

async function as(email: string): Promise<Page> {
  const page = await (await newContext(browser, 'de')).newPage();
  await login(page, email, demoPassword());
  return page;
}

/** JSON API calls with the page's session and CSRF token. */
async function api(page: Page) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string; workspaces: { id: string }[] };
  const r: APIRequestContext = page.request;
  const headers = { 'x-csrf-token': me.csrfToken };
  return {
    workspaceId: me.workspaces[0]!.id,
    get: async (path: string) => (await r.get(`/api/v1${path}`)).json(),
    post: async (path: string, data: unknown = {}) => {
      const res = await r.post(`/api/v1${path}`, { headers, data });
      return { status: res.status(), body: await res.json().catch(() => null) };
    },
    raw: (path: string, data: string, type: string) => r.post(`/api/v1${path}`, { headers: { ...headers, 'content-type': type }, data }),
  };
}

/** The MultiSelect's field sits under its pill box: open it from the keyboard. */
async function pickChannel(page: Page, name: string): Promise<void> {
  const field = page.getByRole('combobox', { name: 'Kanäle' });
  await field.focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name }).click();
}

async function axeClean(page: Page, name: string): Promise<void> {
  expect(report({ [name]: await axeSerious(page) })).toBe(report({ [name]: [] }));
}

beforeAll(async () => {
  browser = await launch();
  owner = await as(DEMO_EMAIL);
  cvd = await as(CVD);
  approver = await as(APPROVER);
  const o = await api(owner);
  ws = o.workspaceId;
  account = await createPdsAccount('krise');
  const ch = await o.post(`/workspaces/${ws}/channels`, { network: 'bluesky', name: 'Bluesky Krisenkanal', serviceUrl: pdsUrl() });
  expect(ch.status).toBe(201);
  channelId = ch.body.id;
  const conn = await o.post(`/workspaces/${ws}/channels/${channelId}/connect/password`, { identifier: account.handle, password: account.appPassword, serviceUrl: pdsUrl() });
  expect(conn.status).toBe(200);
});

afterAll(async () => {
  // Leave the shared demo workspace as it was: no crisis, drill or proposal open for the other files.
  if (cvd) {
    const c = await api(cvd);
    const s = await c.get(`/workspaces/${ws}/crisis/state`);
    if (s.active) await c.post(`/workspaces/${ws}/crises/${s.active.id}/end`, { summary: 'e2e cleanup', heldBack: 'cancel_all' });
    if (s.drill) await c.post(`/workspaces/${ws}/drills/${s.drill.id}/end`, { summary: 'e2e cleanup' });
    if (s.proposal) await c.post(`/workspaces/${ws}/crises/${s.proposal.id}/dismiss`, { reason: 'e2e cleanup' });
  }
  await browser?.close();
});

describe('crisis mode', () => {
  it('shows the prepared playbooks with approved holding statements, accessible', async () => {
    await visit(cvd, '/crisis/playbooks');
    await settled(cvd);
    await cvd.locator('[data-testid=playbook-row]').first().waitFor();
    expect(await cvd.locator('[data-testid=playbook-row]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Falschmeldung'), expect.stringContaining('Shitstorm')]));
    await axeClean(cvd, 'playbooks');
    await screenshot(cvd, 'crisis-playbooks-de');
    await cvd.locator('[data-testid=playbook-row]').filter({ hasText: 'Falschmeldung' }).getByRole('link').click();
    await cvd.locator('[data-testid=holding-statement]').first().waitFor();
    expect(await cvd.locator('[data-testid=holding-status]').first().textContent()).toContain('einsetzbar');
    await axeClean(cvd, 'playbook');
    await screenshot(cvd, 'crisis-playbook-de');
  });

  it('a replayed spike proposes a crisis to the duty editor', async () => {
    const o = await api(owner);
    const sources = await o.get(`/workspaces/${ws}/listening/sources`);
    const importSource = sources.items.find((s: { kind: string }) => s.kind === 'import');
    const now = Date.now();
    const lines = Array.from({ length: 45 }, (_, i) => JSON.stringify({
      id: `e2e-spike-${now}-${i}`, text: `Stimmt das? Das Beispielwesen soll alle Anträge gestrichen haben. Ein Skandal, furchtbar! ${i}`,
      author: `spike${i}.bsky.social`, lang: 'de', publishedAt: new Date(now - 4 * 60_000 + i * 4000).toISOString(),
    })).join('\n');
    const res = await o.raw(`/workspaces/${ws}/listening/sources/${importSource.id}/import`, lines, 'application/x-ndjson');
    expect(res.status()).toBe(200);
    // The alert runner evaluates once a minute (as in production).
    const c = await api(cvd);
    const proposal = await eventually(async () => (await c.get(`/workspaces/${ws}/crisis/state`)).proposal, 100_000, 'crisis proposal');
    crisisId = proposal.id;
    expect(proposal).toMatchObject({ state: 'proposed', title: 'Falschmeldung', trigger: { kind: 'listening_alert' } });
    await visit(cvd, '/crisis');
    await cvd.getByTestId('proposal-banner').waitFor();
    const notes = await c.get(`/workspaces/${ws}/notifications?unread=true`);
    expect(notes.items.some((n: { kind: string }) => n.kind === 'crisis.proposed')).toBe(true);
  });

  it('the duty editor confirms in the browser: banner on every page, publishing paused', async () => {
    await visit(cvd, `/crisis/${crisisId}`);
    await settled(cvd);
    await cvd.getByTestId('proposal-panel').waitFor();
    await axeClean(cvd, 'proposal');
    await cvd.getByTestId('proposal-panel').getByLabel('Begründung').fill('Falschmeldung über gestrichene Anträge verbreitet sich schnell.');
    await cvd.getByTestId('proposal-panel').getByRole('button', { name: 'Krisenfall bestätigen' }).click();
    await expect.poll(() => cvd.getByTestId('room-state').textContent(), { timeout: 20_000 }).toBe('Aktiv');
    await cvd.getByTestId('crisis-banner').waitFor();
    await visit(owner, '/calendar');
    await owner.getByTestId('crisis-banner').waitFor();
    expect(await owner.getByTestId('crisis-banner').innerText()).toContain('Krisenmodus aktiv');
    await visit(cvd, `/crisis/${crisisId}`);
    await cvd.locator('[data-testid=task]').first().waitFor();
    expect(await cvd.locator('[data-testid=contact-row]').count()).toBeGreaterThanOrEqual(3);
    await cvd.getByTestId('room-ack').click();
    await expect.poll(() => cvd.locator('[data-testid=contact-row]').filter({ hasText: 'Clara vom Dienst' }).textContent()).toContain('bestätigt');
  });

  it('a post due one minute later goes through the crisis approval path and is held back', async () => {
    const o = await api(owner);
    dueAt = Date.now() + 60_000;
    const p = await o.post(`/workspaces/${ws}/posts`, { text: `Heute Sommerfest im Amt! ${dueAt}`, channelIds: [channelId], schedule: { at: new Date(dueAt).toISOString() } });
    expect(p.status).toBe(201);
    duePostId = p.body.id;
    expect((await o.post(`/workspaces/${ws}/posts/${duePostId}/submit`)).status).toBe(200);
    expect(p.body.approval.steps.map((s: { name: string }) => s.name)).toEqual(['CvD (Krise)', 'Freigabe (Krise)']);
    expect((await (await api(cvd)).post(`/workspaces/${ws}/posts/${duePostId}/approve`)).status).toBe(200);
    const a = await (await api(approver)).post(`/workspaces/${ws}/posts/${duePostId}/approve`);
    expect(a.body.targets[0].state).toBe('scheduled');
  });

  it('a pre-approved holding statement goes out on the local PDS through the fast track', async () => {
    await visit(cvd, `/crisis/${crisisId}`);
    await settled(cvd);
    await cvd.getByRole('combobox', { name: 'Holding Statement' }).click();
    await cvd.getByRole('option', { name: /Erste Reaktion \(Sie\)/ }).click();
    await pickChannel(cvd, 'Bluesky Krisenkanal');
    await cvd.keyboard.press('Escape');
    expect(await cvd.getByTestId('approval-path').innerText()).toContain('Vorab freigegeben');
    await cvd.getByRole('button', { name: 'Statement anlegen' }).click();
    await cvd.getByTestId('statement').first().waitFor();
    await axeClean(cvd, 'room');
    await cvd.getByTestId('release').first().click();
    await expect.poll(() => cvd.getByTestId('statement-target').first().textContent(), { timeout: 20_000 }).toContain('veröffentlicht');
    const records = await eventually(async () => {
      const r = await listRecords(account.did);
      return r.some((x) => String(x.value.text).startsWith('Uns erreichen Hinweise auf eine Meldung')) ? r : null;
    }, 20_000, 'statement on the PDS');
    expect(records.length).toBe(1);
    await screenshot(cvd, 'crisis-room-de');
  });

  it('the due post is not published while crisis mode is on', async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt + 12_000 - Date.now())));
    const records = await listRecords(account.did);
    expect(records.some((x) => String(x.value.text).includes('Sommerfest'))).toBe(false);
    const post = await (await api(owner)).get(`/workspaces/${ws}/posts/${duePostId}`);
    expect(post.targets[0].state).toBe('scheduled');
    await visit(cvd, `/crisis/${crisisId}`);
    await cvd.locator('[data-testid=held-row]').filter({ hasText: 'Sommerfest' }).waitFor();
  });

  it('ends the crisis explicitly: held-back post waits for review, report as PDF', async () => {
    await cvd.getByLabel('Abschluss (für den Bericht)').fill('Richtigstellung wirkt, Lage beruhigt.');
    await cvd.getByRole('button', { name: 'Krise beenden' }).click();
    await cvd.getByTestId('report-link').waitFor();
    await expect.poll(() => cvd.getByTestId('crisis-banner').count()).toBe(0);
    await cvd.locator('[data-testid=held-row]').filter({ hasText: 'Sommerfest' }).getByRole('button', { name: 'Absagen' }).waitFor();
    const href = await cvd.getByTestId('report-link').getAttribute('href');
    const pdf = await cvd.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await axeClean(cvd, 'room-ended');
    await screenshot(cvd, 'crisis-room-ended-de');
    expect((await listRecords(account.did)).some((x) => String(x.value.text).includes('Sommerfest'))).toBe(false);
  });
});

describe('drill', () => {
  it('runs a drill without touching any network', async () => {
    const before = (await listRecords(account.did)).length;
    await visit(cvd, '/crisis');
    await settled(cvd);
    await cvd.getByRole('button', { name: 'Übung starten' }).click();
    await cvd.getByRole('dialog').getByRole('combobox', { name: 'Playbook' }).click();
    await cvd.getByRole('option', { name: 'Shitstorm zu einer Äußerung' }).click();
    await cvd.getByRole('dialog').getByRole('button', { name: 'Übung starten' }).click();
    await cvd.waitForURL((u) => /^\/crisis\/[0-9a-f-]{36}$/.test(u.pathname));
    await cvd.getByTestId('drill-banner').waitFor();
    expect(await cvd.getByTestId('room-state').textContent()).toBe('Aktiv');
    await axeClean(cvd, 'drill');
    await cvd.getByRole('combobox', { name: 'Holding Statement' }).click();
    await cvd.getByRole('option', { name: /Erste Reaktion \(du\)/ }).click();
    await pickChannel(cvd, 'Bluesky Krisenkanal');
    await cvd.keyboard.press('Escape');
    await cvd.getByRole('button', { name: 'Statement anlegen' }).click();
    await cvd.getByTestId('release').first().click();
    await expect.poll(() => cvd.getByTestId('crisis-error').first().getAttribute('data-code')).toBe('drill_no_publish');
    await screenshot(cvd, 'crisis-drill-de');
    await cvd.getByLabel('Abschluss (für den Bericht)').fill('Übung: Statement in 2 Minuten.');
    await cvd.getByRole('button', { name: 'Übung beenden' }).click();
    await cvd.getByTestId('report-link').waitFor();
    expect((await listRecords(account.did)).length).toBe(before);
    await visit(cvd, '/crisis');
    await cvd.locator('[data-testid=history-row]').filter({ hasText: 'Übung' }).first().waitFor();
    await axeClean(cvd, 'overview');
    await screenshot(cvd, 'crisis-overview-de');
  });
});
