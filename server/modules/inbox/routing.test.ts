import { describe, expect, it } from 'vitest';
import { compileRules, route, type RoutableItem, type RuleRow } from './routing.ts';

const item = (over: Partial<RoutableItem> = {}): RoutableItem => ({
  text: 'Wann öffnet das Bürgeramt? Ich brauche einen neuen Reisepass.', channelId: 'c1', network: 'bluesky', language: 'de',
  sentiment: 0, kind: 'comment', authorHandle: '@anna.bsky.social', followerCount: 120, ...over,
});
let n = 0;
const rule = (over: Partial<RuleRow>): RuleRow => ({ id: `r${++n}`, name: 'r', enabled: true, position: n, conditions: {}, actions: { tags: ['x'] }, stop: false, ...over });

describe('inbox routing rules', () => {
  it('matches boolean queries of the query language (folding, OR, NOT)', () => {
    const rules = compileRules([rule({ id: 'pass', conditions: { query: '(reisepass OR personalausweis) -spam' }, actions: { tags: ['pass'] } })]);
    expect(route(rules, item()).tags).toEqual(['pass']);
    expect(route(rules, item({ text: 'Reisepass spam spam' })).tags).toEqual([]);
    expect(route(rules, item({ text: 'REISEPÄSSE' })).tags).toEqual([]);
  });

  it('requires every condition: channel, language, sentiment, kind, author, followers', () => {
    const rules = compileRules([rule({
      id: 'vip', actions: { priority: 'high' },
      conditions: { channelIds: ['c1'], languages: ['de'], sentiments: ['negative'], kinds: ['comment', 'mention'], authorHandles: ['ANNA.bsky.social'], minFollowers: 100 },
    })]);
    expect(route(rules, item({ sentiment: -1 })).priority).toBe('high');
    for (const miss of [{ channelId: 'c2' }, { language: 'en' }, { sentiment: 0 as const }, { kind: 'dm' }, { authorHandle: '@bernd.example' }, { followerCount: 99 }, { followerCount: null }]) {
      expect(route(rules, item({ sentiment: -1, ...miss })).priority).toBeNull();
    }
  });

  it('lets the first rule win for assignment and priority, adds up tags, and honours stop and order', () => {
    const rules = compileRules([
      rule({ id: 'b', position: 2, conditions: { languages: ['de'] }, actions: { assign: { type: 'user', userId: 'u2' }, priority: 'low', tags: ['de'] } }),
      rule({ id: 'a', position: 1, conditions: { sentiments: ['negative'] }, actions: { assign: { type: 'on_duty' }, tags: ['beschwerde'] } }),
      rule({ id: 'c', position: 3, conditions: {}, actions: { tags: ['alle'] }, stop: true }),
      rule({ id: 'd', position: 4, conditions: {}, actions: { status: 'spam' } }),
      rule({ id: 'off', position: 0, enabled: false, conditions: {}, actions: { status: 'spam' } }),
    ]);
    const d = route(rules, item({ sentiment: -1 }));
    expect(d).toEqual({ assign: { type: 'on_duty' }, priority: 'low', tags: ['beschwerde', 'de', 'alle'], status: null, ruleIds: ['a', 'b', 'c'] });
  });

  it('treats a stop rule without actions as an exclusion for the rules after it', () => {
    const rules = compileRules([
      rule({ id: 'press', position: 1, conditions: { authorHandles: ['@presse.example'] }, actions: {}, stop: true }),
      rule({ id: 'all', position: 2, conditions: {}, actions: { assign: { type: 'on_duty' } } }),
    ]);
    expect(route(rules, item({ authorHandle: '@presse.example' }))).toMatchObject({ assign: null, ruleIds: ['press'] });
    expect(route(rules, item()).assign).toEqual({ type: 'on_duty' });
  });

  it('never matches a rule whose saved query no longer parses', () => {
    const rules = compileRules([rule({ conditions: { query: 'a AND (' }, actions: { status: 'spam' } })]);
    expect(route(rules, item({ text: 'a' })).status).toBeNull();
  });
});
