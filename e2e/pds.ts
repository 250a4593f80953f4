/**
 * The local Bluesky PDS of the e2e run (started in global-setup.ts): create accounts, app passwords,
 * and read back what the PDS stored — e2e assertions check the network, not only our UI.
 */
import { AtUri, AtpAgent } from '@atproto/api';
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { settled, visit } from './helpers.ts';

export const pdsUrl = () => inject('pdsUrl');

export interface PdsAccount {
  handle: string;
  did: string;
  agent: AtpAgent;
  /** An app password to connect the account in Resonanz. */
  appPassword: string;
}

/** Creates an account (handle like `amt-<random>.test`), signed in, with one app password. */
export async function createPdsAccount(prefix: string): Promise<PdsAccount> {
  const handle = `${prefix}-${Math.random().toString(36).slice(2, 8)}.test`;
  const agent = new AtpAgent({ service: pdsUrl() });
  const r = await agent.createAccount({ handle, email: `${handle}@example.de`, password: `${handle}-password` });
  const appPassword = (await agent.com.atproto.server.createAppPassword({ name: 'resonanz-e2e' })).data.password;
  return { handle, did: r.data.did, agent, appPassword };
}

/**
 * Creates a Bluesky channel named `name` on the channels page (German UI) and connects `account`
 * with its app password and the local PDS address, as an owner does; waits until it shows connected.
 */
export async function connectBlueskyChannel(page: Page, name: string, account: PdsAccount): Promise<void> {
  await visit(page, '/calendar/channels');
  await settled(page);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('combobox', { name: 'Netzwerk' }).click();
  await page.getByRole('option', { name: 'Bluesky' }).click();
  await page.getByRole('button', { name: 'Anlegen' }).click();
  await page.getByRole('button', { name: `${name} verbinden` }).click();
  await page.getByLabel('Handle').fill(account.handle);
  await page.getByLabel('App-Passwort').fill(account.appPassword);
  await page.getByLabel('PDS-Adresse').fill(pdsUrl());
  await page.getByRole('dialog').getByRole('button', { name: 'Verbinden' }).click();
  const row = page.getByTestId('channel-row').filter({ hasText: name });
  await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('Verbunden');
}

/** The records of a collection in a repo, newest first (e.g. `app.bsky.feed.post`). */
export async function listRecords(did: string, collection = 'app.bsky.feed.post'): Promise<{ uri: string; value: Record<string, any> }[]> {
  const reader = new AtpAgent({ service: pdsUrl() });
  const res = await reader.com.atproto.repo.listRecords({ repo: did, collection, limit: 100 });
  return res.data.records as { uri: string; value: Record<string, any> }[];
}

export async function getRecord(uri: string): Promise<Record<string, any>> {
  const u = new AtUri(uri);
  const reader = new AtpAgent({ service: pdsUrl() });
  return (await reader.com.atproto.repo.getRecord({ repo: u.host, collection: u.collection, rkey: u.rkey })).data.value as Record<string, any>;
}

/** Waits until `check` returns a value (polling), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 20_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not reached within ${ms} ms${last ? `: ${String(last)}` : ''}`);
}
