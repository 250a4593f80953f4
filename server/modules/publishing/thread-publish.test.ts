import { describe, expect, it } from 'vitest';
import { partIdFor } from './thread-parts.ts';
import { partRequest, replyRefFor } from './thread-publish.ts';

const image = { data: new Uint8Array([1, 2, 3]), mimeType: 'image/png', altText: 'Ein Bild' };
const base = { targetId: 'target-1', text: 'ganzer Text', languages: ['de'], contentWarning: 'CW', media: [image] };
const parts = ['Teil eins (1/3)', 'Teil zwei (2/3)', 'Teil drei (3/3)'];

describe('thread requests', () => {
  it('the first part carries the images and is no reply', () => {
    const r = partRequest(base, parts, 0, [], [image]);
    expect(r).toEqual({ targetId: 'target-1', text: 'Teil eins (1/3)', languages: ['de'], contentWarning: 'CW', media: [image] });
  });

  it('later parts reply to the previous part with the first as root, under their own identity, without images', () => {
    const sent = [{ id: 'at://did/app.bsky.feed.post/a', cid: 'cid-a', url: 'u-a' }, { id: 'at://did/app.bsky.feed.post/b', cid: 'cid-b' }];
    const r = partRequest(base, parts, 2, sent, [image]);
    expect(r.targetId).toBe(partIdFor('target-1', 2));
    expect(r.text).toBe('Teil drei (3/3)');
    expect(r.media).toBeUndefined();
    expect(r.contentWarning).toBe('CW');
    expect(r.replyTo).toEqual({ id: 'at://did/app.bsky.feed.post/b', cid: 'cid-b', root: { id: 'at://did/app.bsky.feed.post/a', cid: 'cid-a' } });
  });

  it('a Mastodon chain needs ids only', () => {
    expect(replyRefFor([{ id: '101' }])).toEqual({ id: '101', root: { id: '101' } });
    expect(replyRefFor([])).toBeUndefined();
  });
});
