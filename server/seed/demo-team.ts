import type { Role } from '../../common/permissions.ts';

/** The demo organisation: a federal office with one person per role (German first). */
export const DEMO_ORGANISATION = 'Bundesamt für Beispielwesen';
export const DEMO_WORKSPACES = [
  { name: 'Bundesamt für Beispielwesen', locale: 'de', timezone: 'Europe/Berlin' },
  { name: 'Kampagnenagentur (Beispiel)', locale: 'de', timezone: 'Europe/Berlin' },
] as const;
export const DEMO_EMAIL = 'demo@resonanz.local';

export const DEMO_TEAM: { email: string; name: string; roles: Role[]; locale: 'de' | 'en' }[] = [
  { email: DEMO_EMAIL, name: 'Dana Demo', roles: ['owner'], locale: 'de' },
  { email: 'it@resonanz.local', name: 'Ingo Technik', roles: ['admin'], locale: 'de' },
  { email: 'strategie@resonanz.local', name: 'Sabine Stratmann', roles: ['strategist'], locale: 'de' },
  { email: 'redaktion@resonanz.local', name: 'Emil Redlich', roles: ['editor'], locale: 'de' },
  { email: 'freigabe@resonanz.local', name: 'Anna Prüfer', roles: ['approver'], locale: 'de' },
  { email: 'community@resonanz.local', name: 'Kemal Community', roles: ['community_manager'], locale: 'de' },
  { email: 'cvd@resonanz.local', name: 'Clara vom Dienst', roles: ['duty_editor', 'community_manager'], locale: 'de' },
  { email: 'analyse@resonanz.local', name: 'Alex Analyse', roles: ['analyst'], locale: 'en' },
  { email: 'mitarbeit@resonanz.local', name: 'Maria Mitarbeiterin', roles: ['employee'], locale: 'de' },
];
