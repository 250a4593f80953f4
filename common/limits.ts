/** Limits shared by server validation and web forms. */
export const LIMITS = {
  name: 200,
  email: 254,
  passwordMin: 10,
  passwordMax: 200,
  slug: 60,
  tokenName: 100,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  bodyBytes: 1_048_576,
  idempotencyKey: 200,
} as const;
