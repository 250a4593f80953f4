import { describe, expect, it } from 'vitest';
import { validationErrors } from './errors.ts';
import { pathsWithNul } from './input-guard.ts';

describe('pathsWithNul', () => {
  it('names every string and key holding U+0000, nested in objects and arrays', () => {
    expect(pathsWithNul({ a: 'ok', b: ['x', 'y\u0000'], c: { d: '\u0000' }, ['k\u0000']: 1 }, 'body').sort()).toEqual(['body', 'body.b.1', 'body.c.d']);
    expect(pathsWithNul({ a: 'fine', n: 1, z: null }, 'body')).toEqual([]);
  });

  it('walks deeply nested input without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(pathsWithNul(deep, 'body')).toHaveLength(1);
  });
});

describe('validationErrors', () => {
  it('names unknown fields by their own path and keeps the others', () => {
    const errors = validationErrors(
      [
        { keyword: 'unrecognized_keys', instancePath: '/', message: 'Unrecognized keys', params: { keys: ['extra', 'more'] } },
        { keyword: 'too_small', instancePath: '/roles/0', message: 'too small' },
      ],
      'body',
    );
    expect(errors).toEqual([
      { path: 'body.extra', message: 'unknown field' },
      { path: 'body.more', message: 'unknown field' },
      { path: 'body.roles.0', message: 'too small' },
    ]);
  });
});
