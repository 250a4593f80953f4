/**
 * The navigator's default checks: real ones from the strategy workspace, placeholders for what
 * other modules will measure. A module replaces a placeholder with
 * `registerReadinessCheck({ id: '<same id>', … })` — ids below are the contract.
 */
import { placeholderCheck, registerReadinessDefault, type ReadinessCheck, type Text } from './readiness-registry.ts';
import { STRATEGY_CHECKS } from './strategy-checks.ts';

const later = (module: Text): Text => ({
  de: `Wird berechnet, sobald das Modul „${module.de}“ verfügbar ist.`,
  en: `Computed once the ${module.en} module is available.`,
});
const PUBLISHING = { de: 'Redaktionsplan und Freigabe', en: 'editorial plan and approval' };
const INBOX = { de: 'Posteingang und Moderation', en: 'inbox and moderation' };
const LISTENING = { de: 'Monitoring', en: 'listening' };
const CRISIS = { de: 'Krisenmodus', en: 'crisis mode' };
const REPORTS = { de: 'Berichte', en: 'reports' };
const ENABLEMENT = { de: 'Leitfaden und Schulung', en: 'guidelines and training' };

/** Ids of placeholders, for the modules that will replace them. */
export const PLACEHOLDER_CHECKS: ReadinessCheck[] = [
  placeholderCheck({ id: 'organisation.approval', area: 'organisation', source: 'processes', title: { de: 'Wer prüft und gibt frei?', en: 'Who reviews and approves?' }, link: '/calendar/channels' }, later(PUBLISHING)),
  placeholderCheck({ id: 'monitoring.queries', area: 'monitoring', source: 'bitkom', title: { de: 'Monitoring eingerichtet', en: 'Monitoring set up' }, link: '/monitoring' }, later(LISTENING)),
  placeholderCheck({ id: 'crisis.playbook', area: 'crisis', source: 'bitkom', title: { de: 'Krisenfall vorbereitet (Playbook, Krisenteam, Holding Statements)', en: 'Crisis prepared (playbook, crisis team, holding statements)' }, link: '/crisis' }, later(CRISIS)),
  placeholderCheck({ id: 'crisis.shitstorm', area: 'crisis', source: 'processes', title: { de: 'Wie reagieren wir auf einen Shitstorm?', en: 'How do we react to a shitstorm?' }, link: '/crisis' }, later(CRISIS)),
  placeholderCheck({ id: 'crisis.comment_deletion', area: 'crisis', source: 'processes', title: { de: 'Wann werden Kommentare gelöscht – und von wem?', en: 'When are comments deleted, and by whom?' }, link: '/inbox' }, later(INBOX)),
  placeholderCheck({ id: 'crisis.bans', area: 'crisis', source: 'processes', title: { de: 'Wann werden Nutzer gesperrt – von wem und warum?', en: 'When are users banned, by whom and why?' }, link: '/inbox' }, later(INBOX)),
  placeholderCheck({ id: 'measurement.reports', area: 'measurement', source: 'bitkom', title: { de: 'Regelmäßiger Bericht an die Leitung', en: 'Regular report to leadership' }, link: '/reports' }, later(REPORTS)),
  placeholderCheck({ id: 'guidelines.acknowledged', area: 'guidelines', source: 'bitkom', title: { de: 'Leitfaden veröffentlicht und bestätigt', en: 'Guidelines published and acknowledged' }, link: '/guidelines' }, later(ENABLEMENT)),
  placeholderCheck({ id: 'guidelines.training', area: 'guidelines', source: 'bitkom', title: { de: 'Team geschult', en: 'Team trained' }, link: '/guidelines#training' }, later(ENABLEMENT)),
];

let registered = false;
/** Registers the defaults once (placeholders never replace a check a module already registered). */
export function registerDefaultReadinessChecks(): void {
  if (registered) return;
  registered = true;
  for (const c of [...STRATEGY_CHECKS, ...PLACEHOLDER_CHECKS]) registerReadinessDefault(c);
}
