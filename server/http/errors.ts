/**
 * Errors with stable codes, rendered as RFC 9457 problem+json. Domain code throws these; the
 * error handler turns anything else into a logged 500 without leaking internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface FieldError {
  path: string;
  message: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, code: string, message: string, errors?: FieldError[], headers?: Record<string, string>) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

export const badRequest = (code: string, message: string, errors?: FieldError[]) => new HttpError(400, code, message, errors);
export const validationFailed = (errors: FieldError[]) => new HttpError(400, 'validation_failed', 'The request is not valid.', errors);
export const unauthorized = (code = 'unauthenticated', message = 'Please sign in.') => new HttpError(401, code, message);
export const forbidden = (code = 'forbidden', message = 'You do not have permission to do this.') => new HttpError(403, code, message);
export const notFound = (what = 'resource') => new HttpError(404, 'not_found', `The ${what} does not exist or is not visible to you.`);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const unprocessable = (code: string, message: string, errors?: FieldError[]) => new HttpError(422, code, message, errors);
export const tooMany = (message: string, retryAfterS: number) =>
  new HttpError(429, 'too_many_requests', message, undefined, { 'retry-after': String(retryAfterS) });

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

export function problemBody(status: number, code: string, detail: string, instance?: string, errors?: FieldError[]) {
  return {
    type: `https://resonanz.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
}

/** A schema-validation issue as fastify-type-provider-zod reports it. */
interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Field errors for a failed schema validation: `body.roles.0`, `querystring.limit`. An unknown
 * field is named by its own path (`body.extra`), not only by its parent object.
 */
export function validationErrors(issues: readonly ValidationIssue[], where: string): FieldError[] {
  return issues.flatMap((v) => {
    const base = [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)];
    const keys = v.params?.keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length) {
      return keys.map((k) => ({ path: [...base, String(k)].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.'), message: v.message ?? 'invalid' }];
  });
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode or a path parameter over the length limit
 * is answered before routing; without this the answer would be plain JSON, not problem+json.
 */
export function sendFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const code = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path_too_long' : 'bad_url';
  reply.code(status).type('application/problem+json').send(problemBody(status, code, 'The request URL is not valid.', req.url));
}
