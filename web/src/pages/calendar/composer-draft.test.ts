import { describe, expect, it } from 'vitest';
import type { Channel } from './calendar-api.ts';
import { bodyOf, draftOf, hasProblems, problemsOf } from './composer-draft.ts';

const channel = (id: string, network: 'bluesky' | 'mastodon'): Channel => ({
  id, network, name: id, accountHandle: null, serviceUrl: null, status: 'not_connected', statusReason: null, paused: false, maxConcurrency: 2, limits: null, defaultSlots: [],
});
const bsky = channel('b', 'bluesky');
const masto = channel('m', 'mastodon');

describe('composer draft', () => {
  it('maps the form to the API body: trimmed alt texts, variants only for chosen channels, local schedule', () => {
    const d = { ...draftOf(undefined), text: 'Hallo', channelIds: ['b'], variants: { b: 'Kurz', m: 'nicht gewählt' }, media: [{ id: 'x', altText: '  Foto  ' }], local: '2031-03-30T09:00', campaign: ' ' };
    expect(bodyOf(d)).toMatchObject({ variants: { b: { text: 'Kurz' } }, media: [{ id: 'x', altText: 'Foto' }], schedule: { local: '2031-03-30T09:00' }, campaign: null, language: 'de' });
  });

  it('blocks submission for missing alt text only when the workspace requires it', () => {
    const d = { ...draftOf(undefined), text: 'Hallo', channelIds: ['b'], media: [{ id: 'x', altText: '' }, { id: 'y', altText: 'ok' }] };
    expect(problemsOf(d, [bsky], true).missingAlt).toEqual([0]);
    expect(hasProblems(problemsOf(d, [bsky], true))).toBe(true);
    expect(hasProblems(problemsOf(d, [bsky], false))).toBe(false);
  });

  it('uses the strictest chosen network for text and alt-text length', () => {
    const d = { ...draftOf(undefined), text: 'x'.repeat(400), channelIds: ['b', 'm'], media: [{ id: 'x', altText: 'a'.repeat(1600) }] };
    const p = problemsOf(d, [bsky, masto], true);
    expect(p.tooLong).toEqual(['b']);
    // Mastodon takes 1500 characters of alt text, Bluesky 2000.
    expect(p.altTooLong).toEqual([0]);
    expect(problemsOf(d, [bsky], true).altTooLong).toEqual([]);
  });

  it('a too-long text passes as a thread when every part fits, and the choice reaches the API', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Satz ${i + 1} über die neue Förderrichtlinie des Bundes.`).join(' ');
    const d = { ...draftOf(undefined), text: sentences, channelIds: ['b'] };
    expect(problemsOf(d, [bsky], true).tooLong).toEqual(['b']);
    const threaded = { ...d, thread: true };
    expect(problemsOf(threaded, [bsky], true).tooLong).toEqual([]);
    expect(bodyOf(threaded).thread).toBe(true);
    // More parts than a thread may have stay a problem.
    const huge = { ...threaded, text: 'Ein Satz mit einigen Worten darin. '.repeat(250) };
    expect(problemsOf(huge, [bsky], true).tooLong).toEqual(['b']);
  });
});
