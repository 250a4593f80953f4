/**
 * Accessibility sweep: axe-core (WCAG 2.1 A/AA) on every route, signed out and signed in, in
 * German and English; fails on any serious or critical violation. Plus keyboard-only login.
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

const PUBLIC_ROUTES = ['/login', '/forgot-password', '/reset-password?token=0123456789abcdef', '/invitation?token=0123456789abcdef', '/dev/mailbox'];
const APP_ROUTES = ['/', '/strategy', '/calendar', '/inbox', '/monitoring', '/crisis', '/reports', '/guidelines', '/team', '/audit', '/settings', '/profile', '/no-such-page'];

const shotName = (lang: string, route: string) => `${lang}-${route.split('?')[0]!.replace(/^\//, '').replace(/\//g, '-') || 'home'}`;

async function sweep(page: Page, routes: string[], lang: string, shots: boolean): Promise<Record<string, AxeIssue[]>> {
  const found: Record<string, AxeIssue[]> = {};
  for (const route of routes) {
    await visit(page, route);
    await settled(page);
    const issues = await axeSerious(page);
    if (issues.length) found[route] = issues;
    expect(await page.title(), `title of ${route}`).toMatch(/ · Resonanz$/);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    if (shots) await screenshot(page, shotName(lang, route));
  }
  return found;
}

describe('accessibility (axe, WCAG 2.1 AA)', () => {
  it('signed-out pages have no serious violations (de + en)', async () => {
    for (const lang of ['de', 'en'] as const) {
      const ctx = await newContext(browser, lang);
      const page = await ctx.newPage();
      expect(report(await sweep(page, PUBLIC_ROUTES, lang, true))).toBe('{}');
      await ctx.close();
    }
  });

  it('loading states have no serious violations (a held request keeps the page loading)', async () => {
    // CI once caught the invitation page while its request was still running: the spinner had a
    // label but no role. Holding the requests makes that state certain instead of a matter of timing.
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    const held: Array<() => void> = [];
    await page.route(/\/api\/v1\/(invitations\/|public\/netiquette\/)/, (r) => new Promise<void>((resolve) => held.push(() => { void r.continue().then(resolve, resolve); })));
    const found: Record<string, AxeIssue[]> = {};
    for (const route of ['/invitation?token=0123456789abcdef', '/netiquette/demo']) {
      await page.goto(route);
      await page.locator('.mantine-Loader-root').first().waitFor();
      const issues = await axeSerious(page);
      if (issues.length) found[route] = issues;
    }
    expect(report(found)).toBe('{}');
    expect(held.length).toBeGreaterThanOrEqual(2);
    for (const release of held) release();
    await ctx.close();
  });

  it('the first-owner sign-up page has no serious violations', async () => {
    // The suite's server is already set up; the page is shown as on an empty database.
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await page.route('**/api/v1/auth/setup', (r) => r.fulfill({ json: { needsSetup: true, devMailbox: true } }));
    await page.goto('/login');
    await page.waitForURL('**/setup');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Resonanz einrichten');
    await settled(page);
    expect(report({ setup: await axeSerious(page) })).toBe(report({ setup: [] }));
    await screenshot(page, 'de-setup');
    await ctx.close();
  });

  it('every page of the app has landmarks and no serious violations (de)', async () => {
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await login(page, DEMO_EMAIL, demoPassword());
    expect(report(await sweep(page, APP_ROUTES, 'de', true))).toBe('{}');
    // Landmarks of the shell: header, navigation with a name, main.
    await page.goto('/');
    await settled(page);
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).count()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
    // States behind tabs, menus and dialogs.
    await page.goto('/team');
    await settled(page);
    await page.getByRole('tab', { name: 'Rollen & Rechte' }).click();
    await page.locator('table').first().waitFor();
    const tabIssues = await axeSerious(page);
    await screenshot(page, 'de-permissions');
    await page.getByRole('tab', { name: 'Mitglieder' }).click();
    await page.getByRole('button', { name: /^Aktionen für/ }).first().click();
    await page.getByRole('menuitem', { name: 'Rollen ändern' }).click();
    await page.getByRole('dialog').waitFor();
    const dialogIssues = await axeSerious(page);
    await screenshot(page, 'de-team-roles-dialog');
    expect(report({ tabIssues, dialogIssues })).toBe(report({ tabIssues: [], dialogIssues: [] }));
    await ctx.close();
  });

  it('the app in English has no serious violations', async () => {
    const ctx = await newContext(browser, 'en');
    const page = await ctx.newPage();
    // The analyst's profile language is English: the UI follows it after login.
    await login(page, 'analyse@resonanz.local', demoPassword());
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(report(await sweep(page, ['/', '/reports', '/profile'], 'en', true))).toBe('{}');
    await ctx.close();
  });

  it('the login form can be reached and submitted with the keyboard alone, with visible focus', async () => {
    const ctx = await newContext(browser, 'de');
    const page = await ctx.newPage();
    await page.goto('/login');
    await settled(page);
    const active = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const style = el ? getComputedStyle(el) : null;
      return { tag: el?.tagName, type: el?.getAttribute('type'), text: el?.textContent?.trim(), outline: style?.outlineStyle, outlineWidth: style?.outlineWidth };
    });
    await page.keyboard.press('Tab');
    const skip = await active();
    expect(skip.text).toBe('Zum Inhalt springen');
    expect(skip.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    let guard = 0;
    while ((await active()).type !== 'email' && guard++ < 10) await page.keyboard.press('Tab');
    const email = await active();
    expect(email.type).toBe('email');
    expect(email.outline).not.toBe('none');
    await page.keyboard.type(DEMO_EMAIL);
    await page.keyboard.press('Tab');
    expect((await active()).type).toBe('password');
    await page.keyboard.type(demoPassword());
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.locator('h1').innerText()).toContain('Guten Tag');
    await ctx.close();
  });
});
