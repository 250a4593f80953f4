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
import { postWebhook, type WebhookFetch as FetchLike } from '../../notifications/webhook-post.ts';
import { workspaces } from '../../workspaces/workspaces.schema.ts';
import { listeningAlertChannels, listeningAlerts } from '../listening.schema.ts';
import { summary, webhookPayload, type AlertMessage } from './webhook-formats.ts';

export type { WebhookFetch as FetchLike } from '../../notifications/webhook-post.ts';

export interface Delivery {
  channelId: string;
  kind: string;
  ok: boolean;
  error?: string;
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
