import { describe, expect, it } from 'vitest';
import { parseMentions } from './comment-mentions.ts';

const members = [
  { userId: 'anna', name: 'Anna Maria' },
  { userId: 'anna-s', name: 'Anna Maria Schulz' },
  { userId: 'jo', name: 'Jo' },
  { userId: 'oe', name: 'Özlem Yılmaz' },
];

describe('parseMentions', () => {
  it('finds members by @Name, longest name first, each once, in order', () => {
    expect(parseMentions('@Jo bitte prüfen, @Anna Maria Schulz auch. Danke @jo!', members)).toEqual(['jo', 'anna-s']);
  });
  it('is case-insensitive and handles umlauts', () => {
    expect(parseMentions('Frage an @özlem yılmaz: passt das?', members)).toEqual(['oe']);
  });
  it('ignores e-mail addresses and partial words', () => {
    expect(parseMentions('Schreib an info@Jo.de oder @Jonas', members)).toEqual([]);
  });
  it('takes the shorter name where the longer one does not follow', () => {
    expect(parseMentions('@Anna Maria, siehst du das?', members)).toEqual(['anna']);
  });
});
