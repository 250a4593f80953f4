/**
 * Replaces lone UTF-16 surrogates in every string of a request body. JSON allows them, but
 * PostgreSQL rejects them inside jsonb (versions, audit rows), which would surface as a 500.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return value.toWellFormed() as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormed(v)])) as T;
  }
  return value;
}
