/**
 * Analysis of one mention: language (declared by the source, else detected), sentiment, the
 * query-engine form for matching, and the facet keys counted into the daily facet rollups.
 */
import { analyzePost, distinctWords, hashtagsOfText, type AnalyzedPost } from '../../../../common/query/index.ts';
import { detectLanguage } from '../nlp/language-detector.ts';
import type { Sentiment, SentimentAnalyzer } from '../nlp/sentiment-analyzer.ts';
import type { NormalizedMention } from './mention-input.ts';

export interface AnalysedMention extends NormalizedMention {
  lang: string | null;
  sentiment: -1 | 0 | 1;
  sentimentScore: number;
  hashtags: string[];
  terms: string[];
  post: AnalyzedPost;
}

const SENTIMENT_VALUE: Record<Sentiment, -1 | 0 | 1> = { negative: -1, neutral: 0, positive: 1 };

// Function words are never "top terms"; the list is short on purpose (folded forms, ≥ 4 letters).
const STOP = new Set(
  ('aber alle allem allen aller alles also auch auf aus bei beim bereits bist bitte dabei damit dann darf darum dass davon dazu dein deine dem den denen denn der deren des dessen dich die dies diese diesem diesen dieser dieses dir doch dort durch eine einem einen einer eines etwa euch euer fuer gibt habe haben hast hat hatte hier hinter ihm ihn ihnen ihr ihre immer jede jeden jeder jedes jetzt kann kein keine koennen machen mehr mein meine mich mir mit muss nach nicht noch nur oder ohne schon sehr sein seine seit sich sie sind soll sollen ueber uber uns unser unsere unter viel vom von vor wann war waren warum was weil welche wenn werden wer wie wieder will wir wird wurde zum zur zwar ' +
    'about after again against also been before being below between both could does doing down during each from further have having here hers herself himself into itself just more most myself once only other ouch ours over same should some such than that their theirs them then there these they this those through under until very were what when where which while whom will with would your yours yourself http https amp')
    .split(' '),
);
const MAX_TERMS = 20;

/** Folded non-trivial words of a post, each once, at most {@link MAX_TERMS}. */
export function termsOf(post: AnalyzedPost): string[] {
  const out: string[] = [];
  // A word written only as hashtags is counted among the hashtags, not again as a term.
  for (const { word, hashtagOnly } of distinctWords(post)) {
    if (hashtagOnly) continue;
    if (word.length < 4 || STOP.has(word) || /^\d+$/.test(word)) continue;
    out.push(word);
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/** Folded hashtags of a post, each once. */
export function hashtagsOf(post: AnalyzedPost): string[] {
  return hashtagsOfText(post);
}

/** Analyses a mention with the given sentiment analyzer. */
export async function analyseMention(m: NormalizedMention, analyzer: SentimentAnalyzer): Promise<AnalysedMention> {
  const declared = m.lang ? m.lang.toLowerCase().slice(0, 2) : null;
  const lang = declared ?? detectLanguage(m.title ? `${m.title}. ${m.text}` : m.text).lang;
  const s = await analyzer.analyze(m.title ? `${m.title}. ${m.text}` : m.text, lang);
  const post = analyzePost({ text: m.text, lang, author: m.author, source: m.network, url: m.url, title: m.title });
  return { ...m, lang, sentiment: SENTIMENT_VALUE[s.sentiment], sentimentScore: s.score, hashtags: hashtagsOf(post), terms: termsOf(post), post };
}
