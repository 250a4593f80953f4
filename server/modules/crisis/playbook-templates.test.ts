import { describe, expect, it } from 'vitest';
import { playbookContentSchema } from '../../../common/schemas/crisis.ts';
import { checkText } from '../../../providers/text-count.ts';
import { MASTODON_DEFAULT_LIMITS } from '../../../providers/mastodon/mastodon.limits.ts';
import { BLUESKY_LIMITS } from '../publishing/post-validation.ts';
import { playbookTemplate, SCENARIO_LIST } from './playbook-templates.ts';

describe('starter playbooks', () => {
  it.each(SCENARIO_LIST.flatMap((s) => (['de', 'en'] as const).map((l) => [s, l] as const)))('%s (%s) is a valid playbook whose holding statements fit Bluesky and Mastodon', (scenario, locale) => {
    const t = playbookTemplate(scenario, locale);
    expect(playbookContentSchema.safeParse(t.content).success).toBe(true);
    expect(t.content.levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(t.content.tasks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(t.holdingStatements.map((h) => `${h.language}-${h.register}`))).toEqual(new Set(['de-sie', 'de-du', 'en-sie']));
    for (const h of t.holdingStatements) {
      expect(checkText(h.text, BLUESKY_LIMITS.text).ok, h.text).toBe(true);
      expect(checkText(h.text, MASTODON_DEFAULT_LIMITS.text).ok).toBe(true);
    }
    const du = t.holdingStatements.find((h) => h.register === 'du')!.text;
    expect(/\b(du|dich|dir|dein\w*|bleib|teil|klick)\b/i.test(du)).toBe(true);
    expect(/\bSie\b|\bIhre\b/.test(t.holdingStatements.find((h) => h.register === 'sie' && h.language === 'de')!.text)).toBe(true);
  });
});
