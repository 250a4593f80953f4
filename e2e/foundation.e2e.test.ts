/**
 * The journeys of the foundation's "Done means", in one browser: demo login → dashboard, language
 * switch, invitation by mail → new account with a limited role, audit trail, two-factor login.
 * The steps build on each other (the invited member is used for 2FA), so they run in order.
 */
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, DEMO_EMAIL, demoPassword, launch, login, newContext, report, screenshot, settled, switchLanguage } from './helpers.ts';

let browser: Browser;
let demo: BrowserContext;
let page: Page;
const memberEmail = `neu.${Date.now().toString(36)}@beispielwesen.example`;
const memberPassword = 'Mitglied-Passwort-2025';
let invitationLink = '';
let member: BrowserContext;
let memberPage: Page;

beforeAll(async () => {
  browser = await launch();
  demo = await newContext(browser, 'de');
  page = await demo.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const navLabels = (p: Page) => p.locator('nav a').allInnerTexts().then((xs) => xs.map((x) => x.trim()));

describe('foundation journeys', () => {
  it('signs in the demo owner and shows the dashboard with every area', async () => {
    await login(page, DEMO_EMAIL, demoPassword());
    await settled(page);
    await expect(page.locator('h1').innerText()).resolves.toContain('Guten Tag, Dana');
    expect(await page.title()).toBe('Übersicht · Resonanz');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    const nav = await navLabels(page);
    for (const label of ['Strategie', 'Redaktionsplan', 'Posteingang', 'Monitoring', 'Krisenraum', 'Berichte', 'Leitfaden', 'Team & Rollen', 'Audit-Protokoll', 'Einstellungen']) {
      expect(nav).toContain(label);
    }
    await screenshot(page, 'home-de');
  });

  it('switches the language to English and back to German, saved in the profile', async () => {
    await switchLanguage(page, 'en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.locator('h1').innerText()).toContain('Hello, Dana');
    // Saved to the profile: a reload (which reads /auth/me) stays English.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await settled(page);
    await expect.poll(() => page.locator('h1').innerText()).toContain('Hello, Dana');
    expect(await navLabels(page)).toContain('Editorial calendar');
    await screenshot(page, 'home-en');
    await page.goto('/team');
    await settled(page);
    await page.getByRole('tab', { name: 'Roles & permissions' }).click();
    await page.locator('table').first().waitFor();
    await screenshot(page, 'permissions-en');
    await switchLanguage(page, 'de');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Team & Rollen');
    await page.waitForLoadState('networkidle');
  });

  it('invites a member; the mail with its link appears in the dev mailbox', async () => {
    await page.goto('/team');
    await settled(page);
    await page.getByLabel('E-Mail-Adresse').fill(memberEmail);
    await page.getByRole('checkbox', { name: /Mitarbeitende/ }).check();
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await expect.poll(() => page.locator('[data-testid=invitation-row]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(memberEmail)]));
    await screenshot(page, 'team-de');

    await page.goto('/dev/mailbox');
    const mail = page.locator('article', { hasText: memberEmail }).first();
    await mail.waitFor();
    const link = mail.locator('a[href*="/invitation?token="]').first();
    invitationLink = (await link.getAttribute('href')) ?? '';
    expect(invitationLink).toMatch(/\/invitation\?token=[\w-]{10,}/);
    await screenshot(page, 'mailbox-de');
  });

  it('the invited person creates an account and sees only what the employee role allows', async () => {
    member = await newContext(browser, 'de');
    memberPage = await member.newPage();
    await memberPage.goto(invitationLink);
    await memberPage.locator('h1', { hasText: 'Einladung annehmen' }).waitFor();
    await memberPage.waitForLoadState('networkidle');
    expect(report({ invitation: await axeSerious(memberPage) })).toBe(report({ invitation: [] }));
    await screenshot(memberPage, 'invitation-de');
    await memberPage.getByRole('textbox', { name: 'Name' }).fill('Nora Neu');
    await memberPage.getByLabel(/^Passwort( \*)?$/).fill(memberPassword);
    await memberPage.getByLabel(/^Passwort wiederholen/).fill(memberPassword);
    await memberPage.getByRole('button', { name: 'Konto anlegen und beitreten' }).click();
    await memberPage.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => memberPage.locator('h1').innerText()).toContain('Guten Tag, Nora');
    const nav = await navLabels(memberPage);
    expect(nav).toEqual(['Übersicht', 'Leitfaden', 'Mein Profil']);
    await screenshot(memberPage, 'home-employee-de');
    // Direct addresses of other areas explain the missing permission instead of showing data.
    await memberPage.goto('/audit');
    await memberPage.locator('h1', { hasText: 'Kein Zugriff' }).waitFor();
    const res = await memberPage.request.get(`/api/v1/workspaces/${await workspaceId(memberPage)}/audit`);
    expect(res.status()).toBe(403);
  });

  it('the audit page shows the invitation, the new member and the language change', async () => {
    await page.goto('/audit');
    await settled(page);
    await page.locator('[data-testid=audit-row]').first().waitFor();
    const actions = await page.locator('[data-testid=audit-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'member.joined', 'user.created', 'user.updated']));
    await screenshot(page, 'audit-de');
    // Filter by action: only invitations remain.
    await page.locator('form').getByLabel('Aktion').click();
    await page.getByRole('option', { name: 'Einladung versendet' }).click();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect.poll(async () => new Set(await page.locator('[data-testid=audit-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))))).toEqual(new Set(['invitation.created']));
    // The CSV export link carries the same filter.
    const href = await page.getByRole('link', { name: 'Als CSV exportieren' }).getAttribute('href');
    expect(href).toContain('action=invitation.created');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.text();
    expect(body).toContain('invitation.created');
    expect(body).not.toContain('member.joined');
  });

  it('sets up two-factor authentication and signs in with a TOTP code', async () => {
    await memberPage.goto('/profile');
    await settled(memberPage);
    await memberPage.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
    const secret = (await memberPage.getByTestId('totp-secret').innerText()).trim();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await expect(memberPage.getByRole('img', { name: 'QR-Code zur Einrichtung der Authenticator-App' }).getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
    await screenshot(memberPage, 'profile-totp-setup-de');
    await memberPage.getByLabel('Bestätigungscode').fill(totp.generate());
    await memberPage.getByRole('button', { name: 'Aktivieren' }).click();
    await memberPage.getByTestId('recovery-codes').waitFor();
    expect(await memberPage.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    expect(report({ recoveryCodes: await axeSerious(memberPage) })).toBe(report({ recoveryCodes: [] }));
    await screenshot(memberPage, 'profile-de');

    // Sign out and in again: the password alone is not enough any more.
    await memberPage.getByRole('button', { name: 'Nora Neu' }).click();
    await memberPage.getByRole('menuitem', { name: 'Abmelden' }).click();
    await memberPage.waitForURL('**/login');
    await memberPage.getByLabel('E-Mail-Adresse').fill(memberEmail);
    await memberPage.getByLabel(/^Passwort( \*)?$/).fill(memberPassword);
    await memberPage.getByRole('button', { name: 'Anmelden' }).click();
    await memberPage.waitForURL('**/login/2fa**');
    await memberPage.getByLabel('Bestätigungscode').fill('000000');
    await memberPage.getByRole('button', { name: 'Bestätigen' }).click();
    await memberPage.getByRole('alert').filter({ hasText: 'Code ist falsch' }).waitFor();
    expect(report({ totp: await axeSerious(memberPage) })).toBe(report({ totp: [] }));
    expect(await memberPage.title()).toBe('Zwei-Faktor-Anmeldung · Resonanz');
    await screenshot(memberPage, 'totp-de');
    await memberPage.getByLabel('Bestätigungscode').fill(totp.generate());
    await memberPage.getByRole('button', { name: 'Bestätigen' }).click();
    await memberPage.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => memberPage.locator('h1').innerText()).toContain('Guten Tag, Nora');
  });

  it('has no serious accessibility violations on the pages of these journeys', async () => {
    // The full per-route sweep is in a11y.e2e.test.ts; here the states only reachable mid-journey.
    await memberPage.goto('/profile');
    await settled(memberPage);
    expect(report({ '/profile': await axeSerious(memberPage) })).toBe(report({ '/profile': [] }));
  });
});

async function workspaceId(p: Page): Promise<string> {
  const me = (await (await p.request.get('/api/v1/auth/me')).json()) as { workspaces: { id: string }[] };
  return me.workspaces[0]!.id;
}
