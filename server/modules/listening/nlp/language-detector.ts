/**
 * Language identification with `eld` (Efficient Language Detector, Apache-2.0, pure JavaScript,
 * 60 languages including all major EU languages). The medium n-gram table loads once, when this
 * module is first imported (~0.4 s), and detection then runs on the post text alone.
 */
import { eld } from 'eld/medium';

export interface LanguageGuess {
  /** ISO 639-1 code (`de`, `en`, `fr`, …) or null when the text is too short or unclear ("und"). */
  lang: string | null;
  /** 0…1; the detector's score for the winning language, halved when eld calls it unreliable. */
  confidence: number;
}

// Fewer letters than this are guesswork ("ok", "lol", an emoji).
const MIN_LETTERS = 3;

const detector = eld.newInstance();

/**
 * Strips what says nothing about the language of a post — URLs, @mentions, the `#` of hashtags,
 * emoji, the retweet marker — before detection.
 */
export function languageText(text: string): string {
  return text
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+|\bhttps?\b/gu, ' ')
    .replace(/@[\p{L}\p{N}_.]+/gu, ' ')
    .replace(/^RT\b/u, ' ')
    .replace(/#/g, ' ')
    .replace(/[^\p{L}\p{M}\p{N}\s'’.,!?-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Detects the language of a post. Empty and very short texts give `{ lang: null, confidence: 0 }`. */
export function detectLanguage(text: string): LanguageGuess {
  const clean = languageText(text);
  if (clean.replace(/[^\p{L}]/gu, '').length < MIN_LETTERS) return { lang: null, confidence: 0 };
  const result = detector.detect(clean);
  if (!result.language) return { lang: null, confidence: 0 };
  const top = result.getScores()[result.language] ?? 0;
  const confidence = Math.max(0, Math.min(1, result.isReliable() ? top : top / 2));
  return { lang: result.language, confidence: Math.round(confidence * 1000) / 1000 };
}
