import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, IllegalTransitionError, stateAfterApproval, stateAfterEdit, TARGET_STATES, TRANSITIONS } from './publish-state.ts';

describe('publish state machine', () => {
  it('allows the happy path draft → … → published', () => {
    const path = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published'] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });

  it('refuses illegal transitions with a typed error', () => {
    expect(() => assertTransition('published', 'scheduled')).toThrow(IllegalTransitionError);
    expect(() => assertTransition('draft', 'publishing')).toThrow(/draft → publishing/);
    expect(canTransition('in_review', 'scheduled')).toBe(false);
    expect(canTransition('unconfirmed', 'publishing')).toBe(false); // never an automatic blind re-post
  });

  it('published only leads to withdrawn, withdrawn is terminal, and every state in the table is known', () => {
    expect(TRANSITIONS.published).toEqual(['withdrawn']);
    expect(TRANSITIONS.withdrawn).toEqual([]);
    for (const s of TARGET_STATES) for (const t of TRANSITIONS[s]) expect(TARGET_STATES).toContain(t);
  });

  it('an edit sends approved, scheduled and expired targets back to review and refuses in-flight ones', () => {
    expect(stateAfterEdit('approved')).toBe('in_review');
    expect(stateAfterEdit('scheduled')).toBe('in_review');
    expect(stateAfterEdit('expired')).toBe('in_review');
    expect(stateAfterEdit('draft')).toBe('draft');
    expect(() => stateAfterEdit('publishing')).toThrow(IllegalTransitionError);
    expect(() => stateAfterEdit('published')).toThrow(IllegalTransitionError);
  });

  it('late approval expires the target unless the workspace publishes immediately', () => {
    const now = new Date('2025-05-01T10:00:00Z');
    const past = new Date('2025-05-01T09:00:00Z');
    const future = new Date('2025-05-01T11:00:00Z');
    expect(stateAfterApproval(future, now, 'expire')).toEqual({ state: 'scheduled', scheduledAt: future });
    expect(stateAfterApproval(past, now, 'expire')).toEqual({ state: 'expired', scheduledAt: past });
    expect(stateAfterApproval(past, now, 'publish_now')).toEqual({ state: 'scheduled', scheduledAt: now });
    expect(stateAfterApproval(null, now, 'expire').state).toBe('approved');
  });
});
