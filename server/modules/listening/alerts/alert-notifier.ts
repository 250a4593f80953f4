/**
 * Delivers one alert: an in-app notification for every member who may read monitoring (and a live
 * event for open monitoring pages), an e-mail to each e-mail channel, a JSON POST to each webhook
 * channel (optionally HMAC-signed; through the SSRF guard, since members type the URL). Failures
 * are recorded on the alert, never thrown: one broken webhook must not silence the others.
 */
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createFetch } from '../../../../providers/net/ssrf-guard.ts';
import type { AppContext } from '../../../http/context.ts';
import { publishingDeps } from '../../publishing/provider-resolver.ts';
import { notify } from '../../notifications/notify.service.ts';
import { workspaces } from '../../workspaces/workspaces.schema.ts';
import { listeningAlertChannels, listeningAlerts } from '../listening.schema.ts';
import { summary, webhookPayload, type AlertMessage } from './webhook-formats.ts';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number }>;

export interface Delivery {
  channelId: string;
  kind: string;
  ok: boolean;
  error?: string;
}

/** Pauses before the 2nd and 3rd attempt of a webhook: receivers restart, proxies answer 502 for a moment. */
export const WEBHOOK_RETRY_DELAYS_MS = [2_000, 8_000];

/**
 * One webhook POST with up to two retries on a transport error, a timeout, 429 or 5xx — an alert is
 * sent once per spike, so a receiver's short hiccup must not lose it. Other 4xx answers are final.
 */
export async function postWebhook(fetchImpl: FetchLike, url: string, headers: Record<string, string>, body: string, delays: readonly number[] = WEBHOOK_RETRY_DELAYS_MS): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let status: number | null = null;
    let error: Error;
    try {
      const res = await fetchImpl(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
      status = res.status;
      error = new Error(`HTTP ${res.status}`);
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    const final = status !== null && status < 500 && status !== 429;
    const delay = delays[attempt];
    if (final || delay === undefined) throw error;
    await new Promise((r) => setTimeout(r, delay));
  }
}

export async function notifyAlert(ctx: AppContext, a: AlertMessage, fetchOverride?: FetchLike): Promise<Delivery[]> {
  const { db } = ctx.database;
  const fetchImpl = fetchOverride ?? (createFetch({ allowPrivateNetwork: publishingDeps(ctx).allowPrivateNetwork }) as unknown as FetchLike);
  const [ws] = await db.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, a.workspaceId));
  const locale = ws?.locale === 'en' ? 'en' : 'de';
  const text = summary(a, locale);
  await notify(db, ctx, {
    workspaceId: a.workspaceId, permission: 'listening.read', kind: 'listening.alert',
    title: { de: 'Monitoring-Alarm', en: 'Monitoring alert' }, body: { de: summary(a, 'de'), en: summary(a, 'en') }, link: a.link, objectId: a.alertId,
  });
  const channels = await db.select().from(listeningAlertChannels).where(and(eq(listeningAlertChannels.workspaceId, a.workspaceId), eq(listeningAlertChannels.enabled, true)));
  const deliveries: Delivery[] = [];
  for (const c of channels) {
    try {
      if (c.kind === 'email') {
        await ctx.mailer.send({
          to: c.target,
          subject: `Resonanz: ${locale === 'de' ? 'Monitoring-Alarm' : 'monitoring alert'} – ${a.queryName}`,
          text: `${text}\n\n${a.windowStart} – ${a.windowEnd}\n${a.link}\n`,
        });
      } else {
        const body = JSON.stringify(webhookPayload(c.format as 'json', a));
        const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Resonanz-Alerts/1' };
        if (c.secretSealed) headers['x-resonanz-signature'] = `sha256=${createHmac('sha256', ctx.secrets.open(c.secretSealed)).update(body).digest('hex')}`;
        await postWebhook(fetchImpl, c.target, headers, body);
      }
      deliveries.push({ channelId: c.id, kind: c.kind, ok: true });
    } catch (e) {
      deliveries.push({ channelId: c.id, kind: c.kind, ok: false, error: e instanceof Error ? e.message.slice(0, 300) : String(e) });
    }
  }
  await db.update(listeningAlerts).set({ deliveries }).where(eq(listeningAlerts.id, a.alertId));
  await ctx.events.emit(db, { workspaceId: a.workspaceId, type: 'listening.alert.created', permission: 'listening.read', data: { alertId: a.alertId } }).catch(() => undefined);
  return deliveries;
}
