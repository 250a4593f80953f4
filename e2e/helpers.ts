/** Shared e2e helpers: one headless chromium per test file, login, axe checks, screenshots. */
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');
export const DEMO_EMAIL = 'demo@resonanz.local';
export const demoPassword = () => inject('demoPassword');
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** A fresh browser context (own cookies and storage), German unless `lang` says otherwise. */
export async function newContext(browser: Browser, lang: 'de' | 'en' = 'de'): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: baseUrl(), locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  await ctx.addInitScript((l) => {
    if (!localStorage.getItem('resonanz.lang')) localStorage.setItem('resonanz.lang', l);
  }, lang);
  return ctx;
}

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.locator('nav').first().waitFor();
  await settled(page);
}

export interface AxeIssue {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA) in the page and returns serious and critical violations. axe is
 * injected once per document (SPA navigation keeps it) and only violations are collected, which
 * keeps a sweep over every route fast.
 */
export async function axeSerious(page: Page): Promise<AxeIssue[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`) }));
  }, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
}

export async function screenshot(page: Page, name: string, opts: { viewport?: boolean } = {}): Promise<void> {
  mkdirSync(shots, { recursive: true });
  // An open dropdown closes when the page scrolls: `viewport` shots keep the page where it is.
  if (opts.viewport) return void (await page.screenshot({ path: `${shots}${name}.png` }));
  // Fixed header and navigation would otherwise be painted where the page happens to be scrolled.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

/** Waits until the SPA has rendered the page's heading and network is quiet. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('h1').first().waitFor();
}

/**
 * Opens a route of the already loaded SPA through the router (history.pushState + popstate), as a
 * click on a link would: no reload of the bundle per page keeps the sweep fast.
 */
export async function visit(page: Page, route: string): Promise<void> {
  if (!page.url().startsWith(baseUrl())) {
    await page.goto(route);
  } else {
    await page.evaluate((r) => {
      window.history.pushState({}, '', r);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, route);
  }
  await page.waitForURL((u) => `${u.pathname}${u.search}` === route);
}

/** Clicks the DE/EN switch in the header (its radios are visually hidden behind the labels). */
export async function switchLanguage(page: Page, lang: 'de' | 'en'): Promise<void> {
  await page.locator('header').getByText(lang.toUpperCase(), { exact: true }).click();
}

/** Readable failure output: axe findings per route as JSON. */
export function report(found: Record<string, AxeIssue[]>): string {
  return JSON.stringify(found, null, 1);
}
