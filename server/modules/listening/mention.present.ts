/** API form of a stored mention. */
import type { MentionDto } from '../../../common/schemas/listening.ts';
import type { mentions } from './listening.schema.ts';

const SENTIMENT = { '-1': 'negative', '0': 'neutral', '1': 'positive' } as const;

export function sentimentName(v: number): 'negative' | 'neutral' | 'positive' {
  return SENTIMENT[String(Math.sign(v)) as '0'];
}

export function presentMention(m: typeof mentions.$inferSelect): MentionDto {
  return {
    id: String(m.id), network: m.network, externalId: m.externalId, url: m.url, author: m.author, authorName: m.authorName, title: m.title,
    text: m.text, lang: m.lang, sentiment: sentimentName(m.sentiment), sentimentScore: m.sentimentScore, hashtags: m.hashtags,
    publishedAt: m.publishedAt.toISOString(),
  };
}
