import { describe, expect, it } from 'vitest';
import { canDecide, composeChain, DEFAULT_CHAIN, evaluateChain, validateChain, type ApprovalRecord, type ApprovalStep, type Member } from './approval-chain.ts';

const members: Member[] = [
  { userId: 'author', roles: ['editor'] },
  { userId: 'ed2', roles: ['editor'] },
  { userId: 'appr', roles: ['approver'] },
  { userId: 'boss', roles: ['owner'] },
];
const ctx = { contentHash: 'h1', authorId: 'author', members };
const ok = (userId: string, stepIndex: number, contentHash = 'h1'): ApprovalRecord => ({ userId, stepIndex, contentHash, decision: 'approved' });

describe('approval chain', () => {
  it('starts at the first step and completes after editor → approver', () => {
    expect(evaluateChain(DEFAULT_CHAIN, [], ctx).pendingStep).toBe(0);
    expect(evaluateChain(DEFAULT_CHAIN, [ok('ed2', 0)], ctx).pendingStep).toBe(1);
    const done = evaluateChain(DEFAULT_CHAIN, [ok('ed2', 0), ok('appr', 1)], ctx);
    expect(done.complete).toBe(true);
    expect(done.steps.map((s) => s.approvedBy)).toEqual([['ed2'], ['appr']]);
  });

  it('four-eyes: the author can never approve, and their approvals never count', () => {
    expect(canDecide(DEFAULT_CHAIN, [], members[0]!, ctx)).toMatchObject({ ok: false, code: 'four_eyes' });
    expect(evaluateChain(DEFAULT_CHAIN, [ok('author', 0)], ctx).pendingStep).toBe(0);
  });

  it('one person satisfies one step only', () => {
    const r = canDecide(DEFAULT_CHAIN, [ok('boss', 0)], members[3]!, ctx);
    expect(r).toMatchObject({ ok: false, code: 'already_decided' });
    expect(canDecide(DEFAULT_CHAIN, [ok('boss', 0)], members[2]!, ctx)).toEqual({ ok: true, stepIndex: 1 });
  });

  it('only approvals of the current content hash count', () => {
    expect(evaluateChain(DEFAULT_CHAIN, [ok('ed2', 0, 'old'), ok('appr', 1, 'old')], ctx).pendingStep).toBe(0);
  });

  it('refuses people the pending step does not name', () => {
    expect(canDecide(DEFAULT_CHAIN, [], members[2]!, ctx)).toMatchObject({ ok: false, code: 'not_eligible' });
  });

  it('"all" steps wait for every named member except the author', () => {
    const chain: ApprovalStep[] = [{ name: 'Leitung', roles: [], userIds: ['appr', 'boss', 'author'], mode: 'all' }];
    const one = evaluateChain(chain, [ok('appr', 0)], ctx);
    expect(one.complete).toBe(false);
    expect(one.steps[0]!.waitingFor).toEqual(['boss']);
    expect(evaluateChain(chain, [ok('appr', 0), ok('boss', 0)], ctx).complete).toBe(true);
  });

  it('an ordered chain ignores later-step approvals until earlier steps are done', () => {
    const s = evaluateChain(DEFAULT_CHAIN, [ok('appr', 1)], ctx);
    expect(s.pendingStep).toBe(0);
    expect(s.steps[1]!.satisfied).toBe(false);
  });

  it('validates and composes chains', () => {
    expect(validateChain([])).toHaveLength(1);
    expect(validateChain([{ name: 'x', roles: [], userIds: [], mode: 'any' }])[0]!.path).toBe('body.steps.0');
    const legal: ApprovalStep[] = [{ name: 'Justiziariat', roles: [], userIds: ['boss'], mode: 'any' }];
    expect(composeChain([DEFAULT_CHAIN, DEFAULT_CHAIN, legal])).toHaveLength(3);
  });
});
