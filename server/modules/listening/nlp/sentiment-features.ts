/**
 * Features for the small trained sentiment model: the rule-based lexicon score (so that the
 * model learns how far to trust it) plus words, emoji and a few shape signals of a post.
 * Only feature names and weights are ever stored, never texts.
 */
import type { CompiledLexicon } from './lexicon-lookup.ts';
import { scoreTokens, type LexiconScore } from './lexicon-scorer.ts';
import { squeezeAll, type Token } from './text-normalize.ts';

export type FeatureVector = Map<string, number>;

const NEGATION_SCOPE = 3;

/** Builds the sparse feature vector of a tokenised post, together with its lexicon score. */
export function extractFeatures(
  text: string,
  tokens: readonly Token[],
  lex: CompiledLexicon | undefined,
): { features: FeatureVector; lexicon: LexiconScore } {
  const lexicon = scoreTokens(tokens, lex);
  const f: FeatureVector = new Map();
  const set = (name: string, value: number): void => {
    if (value !== 0) f.set(name, value);
  };

  set('lex:score', lexicon.score);
  set('lex:abs', Math.abs(lexicon.score));
  set('lex:wpos', Math.log1p(lexicon.wordPos));
  set('lex:wneg', Math.log1p(lexicon.wordNeg));
  set('lex:spos', Math.log1p(lexicon.symbolPos));
  set('lex:sneg', Math.log1p(lexicon.symbolNeg));
  set('lex:none', lexicon.wordPos + lexicon.wordNeg + lexicon.symbolPos + lexicon.symbolNeg === 0 ? 1 : 0);
  set('lex:neg', lexicon.negations > 0 ? 1 : 0);

  let words = 0;
  let negateLeft = 0;
  let excl = 0;
  let quest = 0;
  for (const t of tokens) {
    switch (t.kind) {
      case 'url':
        set('shape:url', 1);
        break;
      case 'mention':
        set('shape:mention', 1);
        break;
      case 'emoji':
        f.set(`e:${t.norm}`, 1);
        break;
      case 'emoticon':
        set('shape:emoticon', 1);
        break;
      case 'punct':
        if (t.norm.includes('!')) excl++;
        if (t.norm.includes('?')) quest++;
        if (/[.,;:!?]/.test(t.norm)) negateLeft = 0;
        break;
      case 'hashtag':
        set('shape:hashtag', 1);
        f.set(`w:${squeezeAll(t.norm)}`, 1);
        break;
      case 'word': {
        words++;
        const w = squeezeAll(t.norm);
        if (/^\d+$/.test(w)) {
          set('shape:number', 1);
          break;
        }
        if (lex?.isNegator(t.norm)) {
          negateLeft = NEGATION_SCOPE;
          f.set(`w:${w}`, 1);
          break;
        }
        // A word in a negated stretch is a different feature: "nicht gut" must not teach "gut".
        f.set(negateLeft > 0 ? `w:NOT_${w}` : `w:${w}`, 1);

        if (negateLeft > 0) negateLeft--;
        if (t.shouted) set('shape:shout', 1);
        if (t.elongated) set('shape:elongated', 1);
        break;
      }
    }
  }
  if (/^RT\b/.test(text)) set('shape:rt', 1);
  set('shape:excl', Math.min(excl, 3) / 3);
  set('shape:question', Math.min(quest, 2) / 2);
  set('shape:short', words <= 4 ? 1 : 0);
  set('shape:long', words >= 15 ? 1 : 0);
  return { features: f, lexicon };
}
