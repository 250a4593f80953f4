/**
 * Readiness item "Who reviews and approves?", computed from the channels and approval chains: done
 * when every channel is covered by an approval chain the workspace configured (its own or the
 * workspace default); the built-in default editor → approver counts as started, not as decided.
 */
import { eq } from 'drizzle-orm';
import { registerDefaultReadinessChecks } from '../strategy/readiness/readiness-defaults.ts';
import { registerReadinessCheck } from '../strategy/readiness/readiness-registry.ts';
import { approvalChains, channels } from './publishing.schema.ts';

export function registerPublishingReadinessChecks(): void {
  // Defaults first, so the navigator keeps its order; this check then replaces the placeholder in place.
  registerDefaultReadinessChecks();
  registerReadinessCheck({
    id: 'organisation.approval', area: 'organisation', source: 'processes', link: '/calendar/channels',
    title: { de: 'Wer prüft und gibt frei?', en: 'Who reviews and approves?' },
    run: async ({ tx, workspaceId }) => {
      const chs = await tx.select({ id: channels.id }).from(channels).where(eq(channels.workspaceId, workspaceId));
      if (chs.length === 0) return { status: 'not_started', reason: { de: 'Noch kein Kanal angelegt.', en: 'No channel yet.' } };
      const chains = await tx.select({ channelId: approvalChains.channelId }).from(approvalChains).where(eq(approvalChains.workspaceId, workspaceId));
      const hasDefault = chains.some((c) => c.channelId === null);
      const covered = chs.filter((c) => hasDefault || chains.some((x) => x.channelId === c.id)).length;
      if (covered === chs.length) {
        return { status: 'done', reason: { de: `Freigabekette für alle ${chs.length} Kanäle festgelegt.`, en: `Approval chain set for all ${chs.length} channels.` } };
      }
      return {
        status: 'in_progress',
        reason: {
          de: `${covered} von ${chs.length} Kanälen mit eigener Freigabekette; die übrigen nutzen die Voreinstellung Redaktion → Freigabe.`,
          en: `${covered} of ${chs.length} channels with a configured approval chain; the others use the built-in editor → approver.`,
        },
      };
    },
  });
}
