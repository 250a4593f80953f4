/**
 * The KPI catalogue: every metric a SMART goal, a report or a collector may name, with a precise
 * definition in German and English. Shared by server (validation, progress) and web (labels).
 *
 * `aggregation` decides how a daily time series becomes "the current value" of a goal:
 * - `last`: a level (followers, a rate, a response time) — the latest value counts;
 * - `sum`: a flow (posts, mentions, interactions per day) — values add up from the goal's start.
 */
export const KPI_KEYS = [
  'followers',
  'follower_growth',
  'posts_published',
  'impressions',
  'engagements',
  'engagement_rate',
  'link_clicks',
  'inbox_first_response_minutes',
  'inbox_within_target_share',
  'sentiment_positive_share',
  'sentiment_negative_share',
  'share_of_voice',
  'mentions',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type KpiUnit = 'count' | 'percent' | 'minutes';
export type KpiAggregation = 'last' | 'sum';
/** Which module fills the series; the web app explains an empty series with it. */
export type KpiSource = 'publishing' | 'inbox' | 'listening' | 'manual';

export interface KpiDefinition {
  key: KpiKey;
  unit: KpiUnit;
  aggregation: KpiAggregation;
  /** `increase`: more is better; `decrease`: less is better (response time, negative share). */
  direction: 'increase' | 'decrease';
  source: KpiSource;
  /** Whether a series may be stored per channel (`channel` set) or only for the workspace. */
  perChannel: boolean;
  /**
   * For daily rates and times: a goal's current value is the mean of the last this many days, so
   * one quiet day (three mentions, none negative) does not decide whether a goal is reached.
   */
  currentWindowDays?: number;
  de: { name: string; definition: string };
  en: { name: string; definition: string };
}

export const KPI_CATALOGUE: Record<KpiKey, KpiDefinition> = {
  followers: {
    key: 'followers', unit: 'count', aggregation: 'last', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Follower', definition: 'Anzahl der Konten, die dem Kanal am Ende des Tages folgen, wie vom Netzwerk gemeldet (Bluesky: followersCount des Profils, Mastodon: followers_count des Kontos).' },
    en: { name: 'Followers', definition: 'Number of accounts following the channel at the end of the day, as reported by the network (Bluesky: profile followersCount, Mastodon: account followers_count).' },
  },
  follower_growth: {
    key: 'follower_growth', unit: 'count', aggregation: 'sum', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Follower-Zuwachs', definition: 'Netto-Veränderung der Follower gegenüber dem Vortag (neue minus verlorene Follower); über einen Zeitraum summiert.' },
    en: { name: 'Follower growth', definition: 'Net change in followers against the previous day (gained minus lost); summed over a period.' },
  },
  posts_published: {
    key: 'posts_published', unit: 'count', aggregation: 'sum', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Veröffentlichte Beiträge', definition: 'Anzahl der an diesem Tag erfolgreich veröffentlichten Beiträge (ohne Antworten im Posteingang und ohne gelöschte Beiträge).' },
    en: { name: 'Posts published', definition: 'Number of posts successfully published that day (excluding inbox replies and deleted posts).' },
  },
  impressions: {
    key: 'impressions', unit: 'count', aggregation: 'sum', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Impressionen', definition: 'Wie oft Beiträge des Kanals angezeigt wurden, nur wo das Netzwerk es meldet (Bluesky und Mastodon melden keine Impressionen; die Reihe bleibt dort leer).' },
    en: { name: 'Impressions', definition: 'How often the channel\'s posts were displayed, only where the network reports it (Bluesky and Mastodon do not report impressions; the series stays empty there).' },
  },
  engagements: {
    key: 'engagements', unit: 'count', aggregation: 'sum', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Interaktionen', definition: 'Summe aus Likes/Favoriten, Reposts/Boosts und Antworten auf Beiträge des Kanals, die an diesem Tag neu hinzukamen.' },
    en: { name: 'Engagements', definition: 'Sum of likes/favourites, reposts/boosts and replies to the channel\'s posts that were added that day.' },
  },
  engagement_rate: {
    key: 'engagement_rate', unit: 'percent', aggregation: 'last', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Interaktionsrate', definition: 'Interaktionen der letzten 28 Tage geteilt durch (veröffentlichte Beiträge × Follower am Stichtag), in Prozent.' },
    en: { name: 'Engagement rate', definition: 'Engagements of the last 28 days divided by (posts published × followers on the day), in percent.' },
  },
  link_clicks: {
    key: 'link_clicks', unit: 'count', aggregation: 'sum', direction: 'increase', source: 'publishing', perChannel: true,
    de: { name: 'Link-Klicks', definition: 'Klicks auf Links in Beiträgen, nur wo gemessen (eigene Kurzlinks oder Netzwerkstatistik); sonst leer.' },
    en: { name: 'Link clicks', definition: 'Clicks on links in posts, only where measured (own short links or network statistics); empty otherwise.' },
  },
  inbox_first_response_minutes: {
    key: 'inbox_first_response_minutes', unit: 'minutes', aggregation: 'last', direction: 'decrease', source: 'inbox', perChannel: true, currentWindowDays: 7,
    de: { name: 'Erste Antwortzeit (Median)', definition: 'Median der Minuten zwischen Eingang einer Nachricht oder Erwähnung und der ersten Antwort des Teams, für die an diesem Tag beantworteten Vorgänge. Als aktueller Stand eines Ziels gilt der Mittelwert der letzten 7 Tage.' },
    en: { name: 'First response time (median)', definition: 'Median minutes between an incoming message or mention and the team\'s first reply, for items answered that day. A goal\'s current value is the mean of the last 7 days.' },
  },
  inbox_within_target_share: {
    key: 'inbox_within_target_share', unit: 'percent', aggregation: 'last', direction: 'increase', source: 'inbox', perChannel: true, currentWindowDays: 7,
    de: { name: 'Antworten innerhalb der Zielzeit', definition: 'Anteil der an diesem Tag beantworteten Vorgänge, deren erste Antwort innerhalb der Reaktionszeit der Plattformstrategie lag, in Prozent. Als aktueller Stand eines Ziels gilt der Mittelwert der letzten 7 Tage.' },
    en: { name: 'Replies within target', definition: 'Share of items answered that day whose first reply came within the platform strategy\'s response-time target, in percent. A goal\'s current value is the mean of the last 7 days.' },
  },
  sentiment_positive_share: {
    key: 'sentiment_positive_share', unit: 'percent', aggregation: 'last', direction: 'increase', source: 'listening', perChannel: false, currentWindowDays: 7,
    de: { name: 'Anteil positiver Tonalität', definition: 'Anteil der an diesem Tag erfassten Erwähnungen mit positiver Tonalität an allen Erwähnungen mit erkannter Tonalität, in Prozent. Als aktueller Stand eines Ziels gilt der Mittelwert der letzten 7 Tage.' },
    en: { name: 'Positive sentiment share', definition: 'Share of mentions captured that day with positive sentiment among all mentions with a detected sentiment, in percent. A goal\'s current value is the mean of the last 7 days.' },
  },
  sentiment_negative_share: {
    key: 'sentiment_negative_share', unit: 'percent', aggregation: 'last', direction: 'decrease', source: 'listening', perChannel: false, currentWindowDays: 7,
    de: { name: 'Anteil negativer Tonalität', definition: 'Anteil der an diesem Tag erfassten Erwähnungen mit negativer Tonalität an allen Erwähnungen mit erkannter Tonalität, in Prozent. Als aktueller Stand eines Ziels gilt der Mittelwert der letzten 7 Tage.' },
    en: { name: 'Negative sentiment share', definition: 'Share of mentions captured that day with negative sentiment among all mentions with a detected sentiment, in percent. A goal\'s current value is the mean of the last 7 days.' },
  },
  share_of_voice: {
    key: 'share_of_voice', unit: 'percent', aggregation: 'last', direction: 'increase', source: 'listening', perChannel: false, currentWindowDays: 7,
    de: { name: 'Share of Voice', definition: 'Erwähnungen der eigenen Organisation geteilt durch Erwähnungen der eigenen Organisation und der im Monitoring definierten Vergleichsakteure, in Prozent. Als aktueller Stand eines Ziels gilt der Mittelwert der letzten 7 Tage.' },
    en: { name: 'Share of voice', definition: 'Mentions of the own organisation divided by mentions of the own organisation and the comparison actors defined in listening, in percent. A goal\'s current value is the mean of the last 7 days.' },
  },
  mentions: {
    key: 'mentions', unit: 'count', aggregation: 'sum', direction: 'increase', source: 'listening', perChannel: false,
    de: { name: 'Erwähnungen', definition: 'Anzahl der an diesem Tag von den Monitoring-Suchanfragen erfassten Beiträge, die die Organisation erwähnen.' },
    en: { name: 'Mentions', definition: 'Number of posts captured that day by the listening queries that mention the organisation.' },
  },
};

/** The definition of `key`; throws for keys outside the catalogue (validation rejects those earlier). */
export function kpiDefinition(key: KpiKey): KpiDefinition {
  return KPI_CATALOGUE[key];
}
