import { describe, expect, it } from 'vitest';
import { hashString, TermTable } from './term-table.ts';

describe('TermTable', () => {
  it('gives an ASCII slice the id of its lower-cased string, without regard to case', () => {
    const t = new TermTable();
    const text = 'Die KLIMA-Politik und das Klima';
    const a = t.idOfAscii(text, 4, 9);
    expect(t.term(a)).toBe('klima');
    expect(t.idOfAscii(text, 26, 31)).toBe(a);
    expect(t.idOf('klima')).toBe(a);
    expect(t.find('klima')).toBe(a);
    expect(t.find('politik')).toBe(-1);
    expect(t.idOf('politik')).not.toBe(a);
  });

  it('keeps distinct terms apart under hash collisions and growth', () => {
    const t = new TermTable();
    const ids = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) ids.set(`w${i}`, t.idOf(`w${i}`));
    expect(new Set(ids.values()).size).toBe(20_000);
    const wrong = [...ids].filter(([w, id]) => t.term(id) !== w || t.idOfAscii(` ${w.toUpperCase()} `, 1, w.length + 1) !== id);
    expect(wrong).toEqual([]);
    expect(hashString('abc')).toBe(hashString('abc'));
  });

  it('rotates when over capacity: pinned terms keep their ids, the others are dropped', () => {
    const t = new TermTable(10);
    const kept = t.idOf('bundesregierung');
    t.pin(kept);
    for (let i = 0; i < 10; i++) t.idOf(`x${i}`);
    expect(t.maybeRotate()).toBe(false);
    t.idOf('one-too-many');
    const before = t.generation;
    expect(t.maybeRotate()).toBe(true);
    expect(t.generation).toBe(before + 1);
    expect(t.size).toBe(1);
    expect(t.find('x3')).toBe(-1);
    expect(t.find('bundesregierung')).toBe(kept);
    expect(t.term(kept)).toBe('bundesregierung');
    // Freed ids are reused for new terms, and lookups of the pinned one still work.
    const fresh = t.idOfAscii('Neu', 0, 3);
    expect(t.term(fresh)).toBe('neu');
    expect(t.idOfAscii('BUNDESREGIERUNG', 0, 15)).toBe(kept);
  });

  it('releases a term when its last pin goes', () => {
    const t = new TermTable(0);
    const id = t.idOf('klima');
    t.pin(id);
    t.pin(id);
    t.unpin(id);
    expect(t.maybeRotate()).toBe(false);
    t.unpin(id);
    expect(t.pins(id)).toBe(0);
    expect(t.maybeRotate()).toBe(true);
    expect(t.find('klima')).toBe(-1);
  });
});
