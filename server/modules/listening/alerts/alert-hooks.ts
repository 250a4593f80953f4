/**
 * Other modules react to a raised spike alert here — crisis management proposes a crisis when an
 * alert matches a playbook trigger. Hooks run right after the alert row is written, before the
 * (possibly slow) notification deliveries; a failing hook is logged and never stops the runner.
 */
import type { AppContext } from '../../../http/context.ts';
import type { AlertMessage } from './webhook-formats.ts';

export type AlertHook = (ctx: AppContext, alert: AlertMessage, now: Date) => Promise<void>;

const hooks: AlertHook[] = [];

export function registerAlertHook(hook: AlertHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

export async function runAlertHooks(ctx: AppContext, alert: AlertMessage, now: Date): Promise<void> {
  for (const h of hooks) {
    try {
      await h(ctx, alert, now);
    } catch (err) {
      ctx.log.error({ err, alertId: alert.alertId }, 'alert hook failed');
    }
  }
}
