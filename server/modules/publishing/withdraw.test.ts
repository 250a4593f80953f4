import { describe, expect, it } from 'vitest';
import { canTransition } from './publish-state.ts';
import { refsToDelete } from './withdraw.service.ts';

describe('withdrawing', () => {
  it('deletes a thread last part first, a single post by its id', () => {
    expect(refsToDelete({ remoteId: 'at://a/1', threadProgress: [{ id: 'at://a/1', cid: 'c1' }, { id: 'at://a/2', cid: 'c2' }, { id: 'at://a/3' }] }))
      .toEqual([{ id: 'at://a/3' }, { id: 'at://a/2', cid: 'c2' }, { id: 'at://a/1', cid: 'c1' }]);
    expect(refsToDelete({ remoteId: '1140', threadProgress: [] })).toEqual([{ id: '1140' }]);
    expect(refsToDelete({ remoteId: null, threadProgress: [] })).toEqual([]);
  });

  it('is the only way out of published, and the end of the line', () => {
    expect(canTransition('published', 'withdrawn')).toBe(true);
    expect(canTransition('scheduled', 'withdrawn')).toBe(false);
    expect(canTransition('withdrawn', 'scheduled')).toBe(false);
    expect(canTransition('withdrawn', 'published')).toBe(false);
  });
});
