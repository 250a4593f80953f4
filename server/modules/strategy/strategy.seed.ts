/**
 * Demo strategy of the "Bundesamt für Beispielwesen": challenges with statuses, two meta goals
 * with four SMART goals (and 60 days of demo KPI values so progress and forecasts show), four
 * target groups, platform strategy for Bluesky and Mastodon, topics, an effort plan and a pilot
 * phase. Dates are relative to the seed day so deadlines are always ahead.
 */
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { systemClock } from '../../http/context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { dayNumber } from './goal-progress.ts';
import { storeKpiValues, type KpiSample } from './kpi-series.ts';
import { createItem } from './strategy-items.service.ts';
import { kindOf } from './strategy-kinds.ts';
import { workspaceToday } from './workspace-day.ts';
import sharp from 'sharp';
import { addAsset } from './brand-assets.service.ts';

const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
/** Deterministic wobble in [-1, 1] (the demo looks measured, and is the same on every start). */
const wobble = (i: number, k: number) => Math.sin(i * 12.9898 + k * 78.233) * 0.5 + Math.sin(i * 0.7 + k) * 0.5;
const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Demo KPI history for the 100 days before `t0` (day number of today): followers growing on both
 * networks, a posting rhythm, engagement, response times falling towards the goal, sentiment and
 * share of voice. Listening values of the last two weeks are replaced by the real demo mentions
 * (reporting.seed.ts); everything else stands in for what the collectors will measure.
 */
export function demoKpiHistory(t0: number): KpiSample[] {
  const samples: KpiSample[] = [];
  for (let d = 100; d >= 1; d--) {
    const date = dayOf(t0 - d);
    const k = 60 - d; // days since the goals started (negative before)
    const weekday = new Date((t0 - d) * 86_400_000).getUTCDay();
    const workday = weekday !== 0 && weekday !== 6;
    const bsky = Math.round(1800 + k * 14 + wobble(d, 1) * 12);
    const masto = Math.round(950 + k * 3 + wobble(d, 2) * 4);
    samples.push({ metric: 'followers', channel: 'bluesky', date, value: bsky }, { metric: 'followers', channel: 'mastodon', date, value: masto });
    samples.push({ metric: 'follower_growth', channel: 'bluesky', date, value: 14 + Math.round(wobble(d, 3) * 6) }, { metric: 'follower_growth', channel: 'mastodon', date, value: 3 + Math.round(wobble(d, 4) * 2) });
    samples.push({ metric: 'posts_published', channel: 'bluesky', date, value: workday ? (d % 2 === 0 ? 2 : 1) : 0 });
    samples.push({ metric: 'posts_published', channel: 'mastodon', date, value: workday && d % 3 === 0 ? 1 : 0 });
    samples.push({ metric: 'engagements', channel: 'bluesky', date, value: Math.max(0, Math.round((workday ? 48 : 22) + k * 0.25 + wobble(d, 5) * 14)) });
    samples.push({ metric: 'engagements', channel: 'mastodon', date, value: Math.max(0, Math.round((workday ? 17 : 8) + wobble(d, 6) * 6)) });
    samples.push({ metric: 'engagement_rate', channel: 'bluesky', date, value: r1(3.1 + wobble(d, 7) * 0.4) }, { metric: 'engagement_rate', channel: 'mastodon', date, value: r1(2.4 + wobble(d, 8) * 0.3) });
    const response = Math.max(55, 240 - Math.max(0, k) * 1.6 + wobble(d, 9) * 18);
    samples.push({ metric: 'inbox_first_response_minutes', channel: null, date, value: Math.round(response) });
    samples.push({ metric: 'inbox_first_response_minutes', channel: 'bluesky', date, value: Math.round(response * 0.8) }, { metric: 'inbox_first_response_minutes', channel: 'mastodon', date, value: Math.round(response * 1.35) });
    const within = Math.min(96, 35 + Math.max(0, k) * 0.7 + wobble(d, 10) * 5);
    samples.push({ metric: 'inbox_within_target_share', channel: null, date, value: r1(within) });
    samples.push({ metric: 'inbox_within_target_share', channel: 'bluesky', date, value: r1(Math.min(98, within + 6)) }, { metric: 'inbox_within_target_share', channel: 'mastodon', date, value: r1(Math.max(0, within - 9)) });
    samples.push({ metric: 'mentions', channel: null, date, value: Math.max(0, Math.round((workday ? 26 : 12) + wobble(d, 11) * 7)) });
    const negative = r1(35 - Math.max(0, k) * 0.05 + wobble(d, 12) * 3);
    samples.push({ metric: 'sentiment_negative_share', channel: null, date, value: negative }, { metric: 'sentiment_positive_share', channel: null, date, value: r1(28 + wobble(d, 13) * 4) });
    samples.push({ metric: 'share_of_voice', channel: null, date, value: r1(51 + Math.max(0, k) * 0.04 + wobble(d, 14) * 4) });
  }
  return samples;
}

/** A brand sheet drawn at seed time (shapes only: no fonts needed): the emblem and the house colours. */
async function demoBrandAssets() {
  const png = async (svg: string) => {
    const { data, info } = await sharp(Buffer.from(svg)).png().toBuffer({ resolveWithObject: true });
    return { data, mimeType: 'image/png' as const, width: info.width, height: info.height };
  };
  const emblem = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" rx="64" fill="#1F4E79"/>
    <rect x="80" y="96" width="240" height="36" fill="#ffffff"/><rect x="80" y="182" width="240" height="36" fill="#ffffff" opacity="0.8"/><rect x="80" y="268" width="160" height="36" fill="#ffffff" opacity="0.6"/></svg>`;
  const colours = ['#1F4E79', '#5B7FA6', '#6C757D', '#E9ECEF', '#C2410C'];
  const sheet = `<svg xmlns="http://www.w3.org/2000/svg" width="${colours.length * 160}" height="160">${colours.map((c, i) => `<rect x="${i * 160}" width="160" height="160" fill="${c}"/>`).join('')}</svg>`;
  return [
    { filename: 'bildmarke.png', label: 'Bildmarke (Profilbild)', image: await png(emblem) },
    { filename: 'hausfarben.png', label: 'Hausfarben: Blau #1F4E79, Hellblau #5B7FA6, Grau #6C757D, Hellgrau #E9ECEF, Akzent #C2410C', image: await png(sheet) },
  ];
}

export async function seedStrategyDemo({ tx, workspaceId, userIds }: DemoSeedContext): Promise<void> {
  const now = systemClock.now();
  const today = await workspaceToday(tx, workspaceId, now);
  const t0 = dayNumber(today);
  const u = (email: string) => userIds[email] ?? null;
  const add = (type: Parameters<typeof kindOf>[0], body: Record<string, unknown>) => createItem(tx, systemClock, SYSTEM_ACTOR, kindOf(type), workspaceId, body);
  const strategist = u('strategie@resonanz.local');
  const community = u('community@resonanz.local');
  const duty = u('cvd@resonanz.local');
  const editor = u('redaktion@resonanz.local');

  const challenges: [string, string, number, string, string[]][] = [
    ['Schnelligkeit', 'Erwartete Reaktionszeiten im Netz liegen bei unter einer Stunde; unsere Abstimmungswege sind auf Tage ausgelegt.', 40, 'in_progress', ['Chef vom Dienst mit Freigaberecht im Tagesdienst', 'Textbausteine für häufige Fragen']],
    ['Transparenz', 'Informationen können jederzeit öffentlich werden. Wir wollen zuerst und selbst erklären.', 25, 'in_progress', ['Holding Statements für absehbare Themen vorbereiten']],
    ['Governance', 'Alle Beschäftigten, die sich öffentlich äußern, werden als Stimme des Amtes wahrgenommen.', 60, 'in_progress', ['Social-Media-Leitfaden mit Personalrat und Justiziariat', 'Schulung für alle Beschäftigten']],
    ['Negativer Gegenwind', 'Kritik und Provokation gehören zum Alltag auf öffentlichen Kanälen.', 15, 'not_started', ['Netiquette veröffentlichen', 'Community-Management schulen']],
    ['Kultur', 'Digitale Kommunikation verlangt kürzere Wege und Zusammenarbeit über Referatsgrenzen.', 10, 'blocked', []],
  ];
  for (const [title, description, progress, state, measures] of challenges) {
    await add('challenges', { title, description, progress, state, measures, ownerId: measures.length ? strategist : null });
  }

  const reach = await add('meta-goals', { title: 'Bürgerinnen und Bürger verständlich und schnell informieren', description: 'Die Arbeit des Amtes dort erklären, wo die Menschen sich informieren.', ownerId: strategist });
  const dialog = await add('meta-goals', { title: 'Dialog statt Verlautbarung', description: 'Fragen beantworten, Kritik aufnehmen, Falschinformationen rasch richtigstellen.', ownerId: community });
  const start = dayOf(t0 - 60);
  const goals = [
    await add('goals', { metaGoalId: reach.id, title: '5.000 Follower auf Bluesky', metric: 'followers', channels: ['bluesky'], baseline: 1800, targetValue: 5000, startDate: start, deadline: dayOf(t0 + 240), ownerId: strategist }),
    await add('goals', { metaGoalId: reach.id, title: '3 Beiträge pro Woche und Kanal', metric: 'posts_published', channels: ['bluesky', 'mastodon'], baseline: 0, targetValue: 160, startDate: start, deadline: dayOf(t0 + 120), ownerId: editor }),
    await add('goals', { metaGoalId: dialog.id, title: 'Erste Antwort im Median unter 60 Minuten', metric: 'inbox_first_response_minutes', channels: [], baseline: 240, targetValue: 60, startDate: start, deadline: dayOf(t0 + 90), ownerId: community }),
    await add('goals', { metaGoalId: dialog.id, title: 'Anteil negativer Tonalität unter 20 %', metric: 'sentiment_negative_share', channels: [], baseline: 35, targetValue: 20, startDate: start, deadline: dayOf(t0 + 180), ownerId: duty }),
  ];

  // 100 days of measurements, so a monthly report compares two full months on first start.
  await storeKpiValues(tx, workspaceId, 'demo', demoKpiHistory(t0), now);

  const groups: [string, string, string[], string[], string[], 'du' | 'Sie'][] = [
    ['Interessierte Bürgerinnen und Bürger', 'Menschen, die von Entscheidungen des Amtes betroffen sind.', ['Verständliche Erklärungen', 'Fristen und Zuständigkeiten'], ['Service', 'Alltag'], ['bluesky', 'mastodon'], 'Sie'],
    ['Fachjournalistinnen und -journalisten', 'Presse mit Schwerpunkt Verwaltung und Digitales.', ['Schnelle, zitierfähige Informationen', 'Ansprechpartner'], ['Hintergründe', 'Zahlen'], ['bluesky', 'mastodon'], 'Sie'],
    ['Fachcommunity Verwaltungsdigitalisierung', 'Beschäftigte anderer Behörden, Forschung, Civic Tech.', ['Austausch auf Augenhöhe', 'Offene Daten'], ['Open Source', 'Standards'], ['mastodon'], 'du'],
    ['Nachwuchskräfte', 'Studierende und Auszubildende, die den öffentlichen Dienst erwägen.', ['Einblicke in den Arbeitsalltag'], ['Karriere', 'Sinnstiftung'], ['bluesky'], 'du'],
  ];
  const tg = [];
  for (const [i, [name, description, needs, interests, platforms, tone]] of groups.entries()) {
    tg.push(await add('target-groups', { name, description, needs, interests, platforms, tone, language: 'de', priority: i + 1 }));
  }

  const bluesky = await add('platforms', {
    network: 'bluesky', purpose: 'Schnelle Information und Einordnung für Öffentlichkeit und Presse.', targetGroupIds: [tg[0]!.id, tg[1]!.id, tg[3]!.id],
    postsPerWeek: 5, responseTimeMinutes: 60, tone: 'Sachlich-freundlich, Sie-Ansprache', visualIdentity: 'Hausfarben Blau #1F4E79 und Grau; Logo nur im Profilbild; Grafiken im Format 16:9 mit Alternativtext.',
    ownerId: community, deputyId: duty,
  });
  await add('platforms', {
    network: 'mastodon', purpose: 'Fachlicher Austausch mit der Verwaltungs- und Open-Source-Community.', targetGroupIds: [tg[1]!.id, tg[2]!.id],
    postsPerWeek: 3, responseTimeMinutes: 120, tone: 'Kollegial, du in Fachthreads', visualIdentity: 'Wie Bluesky; Content Warnings für lange Threads.',
    ownerId: duty, deputyId: null,
  });
  for (const asset of await demoBrandAssets()) await addAsset(tx, SYSTEM_ACTOR, workspaceId, bluesky.id, asset, now);

  await add('topics', { kind: 'pillar', name: 'Service erklärt', description: 'Was ändert sich für wen, ab wann?', goalIds: [goals[0]!.id, goals[1]!.id], targetGroupIds: [tg[0]!.id] });
  await add('topics', { kind: 'pillar', name: 'Blick hinter die Kulissen', description: 'Menschen und Arbeit im Amt.', goalIds: [goals[0]!.id], targetGroupIds: [tg[3]!.id] });
  await add('topics', { kind: 'format', name: 'Faktencheck', description: 'Richtigstellung mit Quelle, innerhalb eines Tages.', goalIds: [goals[3]!.id], targetGroupIds: [tg[0]!.id, tg[1]!.id] });
  await add('topics', { kind: 'format', name: 'Fragestunde', description: 'Monatlicher Thread mit Antworten aus den Fachreferaten.', goalIds: [goals[2]!.id], targetGroupIds: [] });

  await add('effort-plans', {
    name: 'Regelbetrieb 2025',
    lines: [
      { network: 'bluesky', postsPerWeek: 5, minutesPerPost: 45, interactionsPerWeek: 80, minutesPerInteraction: 4 },
      { network: 'mastodon', postsPerWeek: 3, minutesPerPost: 40, interactionsPerWeek: 40, minutesPerInteraction: 5 },
    ],
    monitoringHoursPerWeek: 3,
    capacity: [community, duty, editor].filter((x): x is string => Boolean(x)).map((userId, i) => ({ userId, hoursPerWeek: [10, 6, 4][i]! })),
    budgetItems: [{ label: 'Bildlizenzen', amountEur: 1200 }, { label: 'Schulung Community-Management', amountEur: 2500 }],
  });

  await add('phases', {
    name: 'Pilotphase Presse und Community', position: 1, isPilot: true, startDate: dayOf(t0 - 30), endDate: dayOf(t0 + 60),
    entryCriteria: ['Leitfaden veröffentlicht', 'Kanäle verbunden'], exitCriteria: ['Reaktionszeit im Median unter 2 Stunden', '80 % des Pilotteams geschult'],
    memberIds: [strategist, community, duty, editor].filter((x): x is string => Boolean(x)), channels: ['bluesky', 'mastodon'],
  });
  await add('phases', { name: 'Ausweitung auf die Fachreferate', position: 2, startDate: dayOf(t0 + 61), endDate: dayOf(t0 + 180), entryCriteria: ['Abschlusskriterien der Pilotphase erfüllt'], exitCriteria: [] });
}
