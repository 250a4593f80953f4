/**
 * Demo netiquette (German and English, published as version 1), a keyword rule, and documented
 * moderation actions on the demo inbox's insult and spam items (found by their stable dedupe keys
 * `<network>:demo:insult` / `:demo:spam` from the inbox seeder; created here if that seeder has not
 * run). The demo channels are not connected, so every action is honestly `local_only`.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { inboxItems } from '../inbox/inbox.schema.ts';
import { getAuthor, insertItem, setModerationState, upsertAuthor } from '../inbox/item-store.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { evidenceHash, snapshotOf } from './evidence.ts';
import { moderationActions, moderationAppeals, moderationEvents, moderationRules, moderationSettings, netiquetteClauses, netiquetteVersions } from './moderation.schema.ts';

const CLAUSES = [
  { code: 'beleidigung', category: 'insult', titleDe: 'Beleidigungen und Herabwürdigungen', titleEn: 'Insults and disparagement', bodyDe: 'Beleidigungen, Beschimpfungen und herabwürdigende Äußerungen gegenüber anderen Nutzerinnen und Nutzern, unseren Mitarbeitenden oder Dritten blenden wir aus.', bodyEn: 'We hide insults, abuse and disparaging remarks about other users, our staff or third parties.' },
  { code: 'hass', category: 'hate', titleDe: 'Hassrede und strafbare Inhalte', titleEn: 'Hate speech and criminal content', bodyDe: 'Volksverhetzung, Bedrohungen, Aufrufe zu Gewalt und andere strafbare Inhalte entfernen wir und melden sie dem Netzwerk; wir behalten uns eine Anzeige vor.', bodyEn: 'We remove incitement to hatred, threats, calls for violence and other criminal content, report it to the network and may report it to the police.' },
  { code: 'werbung', category: 'spam', titleDe: 'Werbung und Spam', titleEn: 'Advertising and spam', bodyDe: 'Kommerzielle Werbung, Kettenbriefe und massenhaft gleiche Beiträge sind nicht erlaubt.', bodyEn: 'Commercial advertising, chain letters and mass identical posts are not allowed.' },
  { code: 'daten', category: 'personal_data', titleDe: 'Persönliche Daten', titleEn: 'Personal data', bodyDe: 'Bitte veröffentlichen Sie keine Adressen, Telefonnummern, Aktenzeichen oder Gesundheitsdaten – weder eigene noch fremde. Schreiben Sie uns dafür eine Direktnachricht.', bodyEn: 'Please do not publish addresses, phone numbers, file numbers or health data — yours or anyone else’s. Send us a direct message instead.' },
  { code: 'thema', category: 'off_topic', titleDe: 'Themenfremde Beiträge', titleEn: 'Off-topic posts', bodyDe: 'Beiträge ohne Bezug zum Thema können wir ausblenden, damit Fragen anderer nicht untergehen.', bodyEn: 'We may hide posts unrelated to the topic so that other people’s questions do not get lost.' },
  { code: 'wiederholung', category: 'repeated', titleDe: 'Wiederholte Verstöße', titleEn: 'Repeated violations', bodyDe: 'Wer nach zwei Verwarnungen erneut gegen diese Netiquette verstößt, kann gesperrt werden. Gegen jede Maßnahme können Sie widersprechen: presse@beispielwesen.bund.de.', bodyEn: 'Anyone who breaks this netiquette again after two warnings may be blocked. You can appeal against any action: presse@beispielwesen.bund.de.' },
] as const;

async function demoItem(c: DemoSeedContext, key: 'insult' | 'spam', now: Date) {
  const [found] = await c.tx.select().from(inboxItems).where(and(eq(inboxItems.workspaceId, c.workspaceId), inArray(inboxItems.dedupeKey, [`bluesky:demo:${key}`, `mastodon:demo:${key}`])));
  if (found) return found;
  const [bsky] = await c.tx.select().from(channels).where(and(eq(channels.workspaceId, c.workspaceId), eq(channels.network, 'bluesky')));
  const author = await upsertAuthor(c.tx, c.workspaceId, key === 'insult'
    ? { network: 'bluesky', externalId: 'did:plc:demo-wutbuerger', handle: 'wutbuerger42.bsky.social', displayName: 'Wutbürger 42' }
    : { network: 'bluesky', externalId: 'did:plc:demo-uhren', handle: 'super-uhren-deals.bsky.social', displayName: 'Super Uhren Deals' }, now);
  const text = key === 'insult' ? 'Ihr Sesselfurzer im Amt seid doch zu blöd, einen Antrag in unter drei Monaten zu bearbeiten.' : '🔥 Luxusuhren 90 % billiger!!! Nur heute: uhren-deals.example 🔥';
  return (await insertItem(c.tx, {
    workspaceId: c.workspaceId, channelId: bsky?.id ?? null, network: 'bluesky', externalId: `demo:${key}`, kind: 'comment', text, language: 'de', sentiment: -1, sentimentScore: -0.7,
    authorId: author, receivedAt: new Date(now.getTime() - (key === 'insult' ? 5 : 3) * 3_600_000), url: null,
  }, now)).item;
}

export async function seedModerationDemo(c: DemoSeedContext): Promise<void> {
  const clara = c.userIds['cvd@resonanz.local'] ?? null;
  const kemal = c.userIds['community@resonanz.local'] ?? null;
  const dana = c.userIds['demo@resonanz.local'] ?? null;
  const now = new Date();
  await c.tx.insert(moderationSettings).values({
    workspaceId: c.workspaceId, banNeedsConfirmation: true, warningsBeforeBan: 2,
    introDe: 'Wir freuen uns über Ihre Fragen, Hinweise und Kritik. Damit der Austausch sachlich bleibt, gelten auf unseren Kanälen diese Regeln.',
    introEn: 'We welcome your questions, suggestions and criticism. To keep the exchange fair, these rules apply on our channels.',
  }).onConflictDoNothing();
  const clauses = await c.tx.insert(netiquetteClauses).values(CLAUSES.map((cl, i) => ({ workspaceId: c.workspaceId, ...cl, position: i + 1 }))).returning();
  await c.tx.insert(netiquetteVersions).values({
    workspaceId: c.workspaceId, version: 1, introDe: 'Wir freuen uns über Ihre Fragen, Hinweise und Kritik. Damit der Austausch sachlich bleibt, gelten auf unseren Kanälen diese Regeln.',
    introEn: 'We welcome your questions, suggestions and criticism. To keep the exchange fair, these rules apply on our channels.',
    clauses: clauses.map((x) => ({ id: x.id, code: x.code, category: x.category, titleDe: x.titleDe, titleEn: x.titleEn, bodyDe: x.bodyDe, bodyEn: x.bodyEn })),
    publishedBy: clara, publishedAt: new Date(now.getTime() - 30 * 86_400_000),
  });
  const byCode = (code: string) => clauses.find((x) => x.code === code)!;
  await c.tx.insert(moderationRules).values([
    { workspaceId: c.workspaceId, name: 'Schimpfwörter', clauseId: byCode('beleidigung').id, kind: 'keywords', keywords: ['idiot', 'idioten', 'sesselfurzer', 'blöd'], createdBy: clara },
    { workspaceId: c.workspaceId, name: 'Uhren- und Kryptowerbung', clauseId: byCode('werbung').id, kind: 'query', keywords: [], query: '(uhren OR krypto OR bitcoin) AND (billig OR rabatt OR deals OR gewinn)', createdBy: clara },
  ]);

  const insult = await demoItem(c, 'insult', now);
  const spam = await demoItem(c, 'spam', now);
  const act = async (item: typeof insult, action: string, clause: string, reason: string, actorId: string | null, actorName: string, minutesAgo: number, events: string[]) => {
    const author = item.authorId ? await getAuthor(c.tx, c.workspaceId, item.authorId) : null;
    const at = new Date(now.getTime() - minutesAgo * 60_000);
    const evidence = snapshotOf(item, author, at);
    const cl = byCode(clause);
    const [row] = await c.tx.insert(moderationActions).values({
      workspaceId: c.workspaceId, action, itemId: item.id, authorId: item.authorId, network: item.network, channelId: item.channelId, clauseId: cl.id, clauseCode: cl.code,
      clauseTitle: cl.titleDe, netiquetteVersion: 1, reason, evidence, evidenceHash: evidenceHash(evidence), scope: 'local', actorId, actorName, createdAt: at,
    }).returning();
    for (const [i, kind] of events.entries()) {
      await c.tx.insert(moderationEvents).values({ workspaceId: c.workspaceId, actionId: row!.id, kind, byId: actorId, byName: actorName, detail: kind === 'local_only' ? { network: [{ op: action, outcome: 'not_supported' }], demo: true } : {}, createdAt: new Date(at.getTime() + i * 1000) });
    }
    return row!;
  };
  const hide = await act(insult, 'hide', 'beleidigung', 'Herabwürdigung der Mitarbeitenden („Sesselfurzer“, „zu blöd“); Sachkritik an der Bearbeitungsdauer bitte ohne Beleidigung.', kemal, 'Kemal Community', 240, ['requested', 'local_only']);
  await act(insult, 'warn', 'beleidigung', 'Erste Verwarnung: Hinweis auf § 1 der Netiquette per Antwort im Thread.', kemal, 'Kemal Community', 235, ['requested', 'local_only']);
  await act(spam, 'delete', 'werbung', 'Kommerzielle Werbung für Uhren ohne Bezug zum Thema.', clara, 'Clara vom Dienst', 170, ['requested', 'local_only']);
  await act(spam, 'block', 'werbung', 'Reines Werbekonto, dritter Spam-Beitrag diese Woche.', clara, 'Clara vom Dienst', 160, ['requested', 'awaiting_confirmation']);
  await c.tx.insert(moderationAppeals).values({ workspaceId: c.workspaceId, actionId: hide.id, channel: 'email', request: 'Ich wollte niemanden beleidigen, ich bin nur frustriert über die lange Wartezeit. Bitte blenden Sie meinen Kommentar wieder ein.', receivedAt: new Date(now.getTime() - 60 * 60_000), loggedBy: dana });
  await c.tx.insert(moderationEvents).values({ workspaceId: c.workspaceId, actionId: hide.id, kind: 'appeal_logged', byId: dana, byName: 'Dana Demo', detail: { channel: 'email' }, createdAt: new Date(now.getTime() - 60 * 60_000) });
  const ctx = { events: { emit: async () => undefined } } as unknown as Parameters<typeof setModerationState>[1];
  const system = { userId: null };
  await setModerationState(c.tx, ctx, system, { workspaceId: c.workspaceId, itemId: insult.id, state: 'hidden', hidden: true }, now);
  await setModerationState(c.tx, ctx, system, { workspaceId: c.workspaceId, itemId: spam.id, state: 'deleted', hidden: true }, now);
}
