/**
 * PostgreSQL text and jsonb cannot hold U+0000, nor a lone UTF-16 surrogate (not valid Unicode).
 * Strings that contain either are refused before validation, naming the field, instead of
 * failing later in the driver as a 500.
 */
import type { FastifyInstance } from 'fastify';
import { validationFailed, type FieldError } from './errors.ts';

/** Paths of every string (or key) under `root` that contains NUL; iterative, so deep JSON cannot overflow the stack. */
export function pathsWithNul(root: unknown, prefix: string, max = 20): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[root, prefix]];
  while (stack.length && found.length < max) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000') || !value.isWellFormed()) found.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${path}.${i}`]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000') || !k.isWellFormed()) found.push(path);
        else stack.push([v, `${path}.${k}`]);
      }
    }
  }
  return found;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const paths = [...pathsWithNul(req.params, 'params'), ...pathsWithNul(req.query, 'querystring'), ...pathsWithNul(req.body, 'body')];
    if (paths.length) throw validationFailed(paths.map((path): FieldError => ({ path, message: 'must not contain the NUL character or broken Unicode' })));
  });
}
