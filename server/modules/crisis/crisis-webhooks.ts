/**
 * Crisis calls to team chats: plain JSON, Slack incoming webhook (Block Kit), Microsoft Teams
 * (Adaptive Card) and Matrix (`m.text` with HTML), in the same shapes as the listening alert
 * webhooks. The message links to the crisis room; personal acknowledgement links go only to each
 * person (in-app and e-mail), never into a shared channel where anyone could acknowledge for others.
 * Delivery happens after the commit and never throws: one broken webhook must not silence the rest.
 */
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createFetch } from '../../../providers/net/ssrf-guard.ts';
import type { AppContext } from '../../http/context.ts';
import { publishingDeps } from '../publishing/provider-resolver.ts';
import { crisisWebhooks } from './crisis.schema.ts';
import { postWebhook, type WebhookFetch } from '../notifications/webhook-post.ts';

export type WebhookFormat = 'json' | 'slack' | 'teams' | 'matrix';

export interface CrisisMessage {
  event: 'crisis.proposed' | 'crisis.activated' | 'crisis.escalated' | 'crisis.ended';
  crisisId: string;
  workspaceId: string;
  title: string;
  text: string;
  drill: boolean;
  link: string;
  facts: [string, string][];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function crisisWebhookBody(format: WebhookFormat, m: CrisisMessage): unknown {
  const heading = m.drill ? `[ÜBUNG / DRILL] ${m.title}` : m.title;
  switch (format) {
    case 'slack':
      return {
        text: `${heading}: ${m.text}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: heading.slice(0, 150) } },
          { type: 'section', text: { type: 'mrkdwn', text: m.text }, fields: m.facts.slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${v}` })) },
          { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Krisenraum öffnen' }, url: m.link, style: 'danger' }] },
        ],
      };
    case 'teams':
      return {
        type: 'message',
        attachments: [{
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4',
            body: [
              { type: 'TextBlock', text: heading, wrap: true, weight: 'Bolder', size: 'Large', color: 'Attention' },
              { type: 'TextBlock', text: m.text, wrap: true },
              { type: 'FactSet', facts: m.facts.map(([title, value]) => ({ title, value })) },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Krisenraum öffnen', url: m.link }],
          },
        }],
      };
    case 'matrix':
      return {
        msgtype: 'm.text',
        body: `${heading}\n${m.text}\n${m.facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n${m.link}`,
        format: 'org.matrix.custom.html',
        formatted_body: `<strong>${escapeHtml(heading)}</strong><br>${escapeHtml(m.text)}<br>${m.facts.map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v)}`).join('<br>')}<br><a href="${escapeHtml(m.link)}">Krisenraum öffnen</a>`,
      };
    default:
      return { type: m.event, crisisId: m.crisisId, workspaceId: m.workspaceId, drill: m.drill, title: m.title, text: m.text, link: m.link, facts: Object.fromEntries(m.facts) };
  }
}

export type { WebhookFetch } from '../notifications/webhook-post.ts';
export interface WebhookDelivery { channel: string; ok: boolean; error?: string }

let fetchOverride: WebhookFetch | null = null;
/** Tests point deliveries at a local server or a recorder. */
export function setCrisisWebhookFetch(f: WebhookFetch | null): void {
  fetchOverride = f;
}

export async function deliverCrisisWebhooks(ctx: AppContext, m: CrisisMessage): Promise<WebhookDelivery[]> {
  const hooks = await ctx.database.db.select().from(crisisWebhooks).where(and(eq(crisisWebhooks.workspaceId, m.workspaceId), eq(crisisWebhooks.enabled, true)));
  const doFetch = fetchOverride ?? (createFetch({ allowPrivateNetwork: publishingDeps(ctx).allowPrivateNetwork }) as unknown as WebhookFetch);
  const out: WebhookDelivery[] = [];
  for (const h of hooks) {
    try {
      const body = JSON.stringify(crisisWebhookBody(h.format as WebhookFormat, m));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Resonanz-Crisis/1' };
      if (h.secretSealed) headers['x-resonanz-signature'] = `sha256=${createHmac('sha256', ctx.secrets.open(h.secretSealed)).update(body).digest('hex')}`;
      await postWebhook(doFetch, ctx.secrets.open(h.urlSealed), headers, body);
      out.push({ channel: `webhook:${h.name}`, ok: true });
    } catch (e) {
      out.push({ channel: `webhook:${h.name}`, ok: false, error: e instanceof Error ? e.message.slice(0, 300) : String(e) });
    }
  }
  return out;
}

/** Deliveries started after a commit; tests (and a clean shutdown) wait for them. */
const pending = new Set<Promise<unknown>>();
export function afterCommit(ctx: AppContext, work: () => Promise<unknown>): void {
  const p = work().catch((err: unknown) => ctx.log.error({ err }, 'crisis delivery failed')).finally(() => pending.delete(p));
  pending.add(p);
}
export async function flushCrisisDeliveries(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
