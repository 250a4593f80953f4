/**
 * Demo data for listening: the demo organisation and two competitors as topic groups and queries,
 * a few hundred German/English mentions over the last two weeks (with their rollups and facets,
 * computed by the same code as live ingest), an e-mail alert channel and one past alert.
 */
import { listeningAlertChannels, listeningAlerts, listeningFacets, listeningQueries, listeningRollups, listeningSetRollups, listeningSources, listeningTopicGroups, mentionMatches, mentions } from './listening.schema.ts';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { parseQuery, QueryIndex } from '../../../common/query/index.ts';
import { analyseMention } from './ingest/mention-analysis.ts';
import { createAnalyzer } from './nlp/sentiment-analyzer.ts';
import { recountAllScopes } from './store/scope-rollups.ts';
import { aggregate, type MatchedMention } from './store/mention-store.ts';

const ORG = { name: 'Bundesamt für Beispielwesen', query: '"bundesamt für beispielwesen" OR beispielwesen OR #beispielwesen OR @beispielwesen.bund.de' };
const COMPETITORS = [
  { name: 'Landesamt für Musterverfahren', query: '"landesamt für musterverfahren" OR musterverfahren OR #musterverfahren' },
  { name: 'Bundesagentur für Vorlagenwesen', query: '"bundesagentur für vorlagenwesen" OR vorlagenwesen' },
];
const TEMPLATES: [string, string][] = [
  ['de', 'Das Bundesamt für Beispielwesen hat den neuen Online-Antrag freigeschaltet. Endlich! #Beispielwesen #Digitalisierung'],
  ['de', 'Seit sechs Wochen keine Antwort vom Beispielwesen. Wirklich ärgerlich und enttäuschend.'],
  ['de', 'Danke an das Team vom Beispielwesen für die schnelle und freundliche Hilfe!'],
  ['de', 'Beispielwesen erklärt die neuen Fristen – gut gemacht, sehr verständlich.'],
  ['de', 'Warum ist das Portal vom Beispielwesen schon wieder nicht erreichbar? Furchtbar.'],
  ['de', 'Infoveranstaltung des Bundesamt für Beispielwesen am Donnerstag in Bonn.'],
  ['en', 'The Beispielwesen agency published its open data report today #opendata'],
  ['en', 'Terrible experience with the Beispielwesen hotline, waited for an hour.'],
  ['de', 'Das Landesamt für Musterverfahren digitalisiert jetzt auch die Anträge. #Musterverfahren'],
  ['de', 'Musterverfahren: Wartezeiten deutlich kürzer als letztes Jahr, super!'],
  ['de', 'Beim Musterverfahren wieder Chaos mit den Terminen.'],
  ['en', 'Musterverfahren office announces new opening hours'],
  ['de', 'Die Bundesagentur für Vorlagenwesen startet eine neue Kampagne.'],
  ['de', 'Vorlagenwesen und Beispielwesen im Vergleich: beide brauchen zu lange.'],
  ['en', 'Vorlagenwesen released a helpful guide for citizens'],
];
const AUTHORS = ['anna.bsky.social', 'ben@social.example.de', 'presse-nrw.bsky.social', 'carla@mastodon.example.org', 'daniel.bsky.social', 'verbraucherblog', 'eva@bonn.social', 'frank.bsky.social'];

export async function seedListeningDemo({ tx, workspaceId, userIds }: DemoSeedContext): Promise<void> {
  const now = Date.now();
  const createdBy = Object.values(userIds)[0] ?? null;
  const createdAt = new Date(now - 15 * 86_400_000);
  const [org] = await tx.insert(listeningTopicGroups).values({ workspaceId, name: ORG.name, kind: 'org', createdAt }).returning();
  const queries = [await tx.insert(listeningQueries).values({ workspaceId, groupId: org!.id, name: ORG.name, query: ORG.query, createdBy, createdAt }).returning()];
  for (const c of COMPETITORS) {
    const [g] = await tx.insert(listeningTopicGroups).values({ workspaceId, name: c.name, kind: 'competitor', createdAt }).returning();
    queries.push(await tx.insert(listeningQueries).values({ workspaceId, groupId: g!.id, name: c.name, query: c.query, createdBy, createdAt }).returning());
  }
  const index = new QueryIndex<string>();
  for (const [q] of queries) {
    const parsed = parseQuery(q!.query);
    if (parsed.ok) index.add(q!.id, parsed.ast);
  }
  const [source] = await tx.insert(listeningSources).values({ workspaceId, kind: 'import', name: 'Demo-Import', status: 'running', createdAt }).returning();
  await tx.insert(listeningSources).values({ workspaceId, kind: 'bluesky_jetstream', name: 'Bluesky (Jetstream)', enabled: false, config: { endpoint: 'wss://jetstream2.us-east.bsky.network/subscribe', wantedDids: [] }, createdAt });

  const analyzer = createAnalyzer();
  const batch: MatchedMention[] = [];
  // Deterministic pseudo-random spread: 360 mentions over 14 days, denser in office hours.
  for (let i = 0; i < 360; i++) {
    const [lang, text] = TEMPLATES[(i * 7) % TEMPLATES.length]!;
    const hoursAgo = (i * 0.93 + ((i * 37) % 11)) % (14 * 24);
    const m = await analyseMention({
      workspaceId, sourceId: source!.id, network: i % 3 === 0 ? 'mastodon' : i % 3 === 1 ? 'bluesky' : 'import', externalId: `demo-${i}`,
      url: `https://example.org/demo/${i}`, author: AUTHORS[(i * 5) % AUTHORS.length]!, authorName: null, title: null, text, lang,
      publishedAt: new Date(now - hoursAgo * 3_600_000),
    }, analyzer);
    batch.push({ mention: m, queryIds: index.match(m.post) });
  }
  const rows = await tx.insert(mentions).values(batch.map(({ mention: m }) => ({
    workspaceId, sourceId: m.sourceId, network: m.network, externalId: m.externalId, url: m.url, author: m.author, text: m.text, lang: m.lang,
    sentiment: m.sentiment, sentimentScore: m.sentimentScore, hashtags: m.hashtags, publishedAt: m.publishedAt, ingestedAt: m.publishedAt,
  }))).returning({ id: mentions.id });
  const links = batch.flatMap((b, i) => b.queryIds.map((queryId) => ({ queryId, publishedAt: b.mention.publishedAt, mentionId: rows[i]!.id, workspaceId, sentiment: b.mention.sentiment, lang: b.mention.lang })));
  if (links.length) await tx.insert(mentionMatches).values(links);
  const { rollups, sets, facets } = aggregate(batch.filter((b) => b.queryIds.length));
  if (rollups.length) await tx.insert(listeningRollups).values(rollups);
  if (sets.length) await tx.insert(listeningSetRollups).values(sets);
  await recountAllScopes(tx, workspaceId);
  if (facets.length) await tx.insert(listeningFacets).values(facets);
  await tx.insert(listeningSources).values({ workspaceId, kind: 'feed', name: 'Pressemitteilungen (RSS)', enabled: false, config: { url: 'https://www.example.org/presse/rss.xml', pollIntervalS: 300 }, createdAt });
  await tx.insert(listeningAlertChannels).values({ workspaceId, kind: 'email', name: 'Lagezentrum', target: 'lage@beispielwesen.example', createdAt });
  const alertAt = new Date(now - 3 * 86_400_000);
  await tx.insert(listeningAlerts).values({
    workspaceId, queryId: queries[0]![0]!.id, kind: 'negative_share', windowStart: new Date(alertAt.getTime() - 15 * 60_000), windowEnd: alertAt,
    observed: 0.72, expected: 0.21, score: 5.4, sensitivity: 'medium', deliveries: [{ channelId: 'demo', kind: 'email', ok: true }], createdAt: alertAt, acknowledgedAt: new Date(alertAt.getTime() + 20 * 60_000),
  });
}
