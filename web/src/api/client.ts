/**
 * The one way the web app talks to the API: JSON in/out, problem+json errors as `ApiError` with the
 * server's stable `code`, and the CSRF token (bound to the session) on every state-changing request.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];
  constructor(status: number, code: string, detail: string, errors: FieldError[] = []) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

let csrfToken = '';

/** Remembers the CSRF token from login, TOTP, sign-up and /auth/me answers. */
export function setCsrfToken(token: string | undefined): void {
  if (token) csrfToken = token;
}

export function clearCsrfToken(): void {
  csrfToken = '';
}

export function hasCsrfToken(): boolean {
  return csrfToken !== '';
}

type Query = Record<string, string | number | undefined | null>;

/** Builds `/api/v1/<path>?query`, leaving out empty query values. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(apiUrl(path, query), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const p = (data ?? {}) as { code?: string; detail?: string; errors?: FieldError[] };
    throw new ApiError(res.status, p.code ?? 'http_error', p.detail ?? res.statusText, p.errors ?? []);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The fields an API error names, by body field (`body.email` → `email`), for the inputs' `error` props; {} for anything else. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  return e instanceof ApiError ? Object.fromEntries(e.errors.map((x) => [x.path.replace(/^body\./, ''), x.message])) : {};
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/**
 * Uploads a multipart form (e.g. an image) with upload progress (0–1) — fetch cannot report it —
 * and the same error handling as `api`.
 */
export function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return send<T>(path, form, null, onProgress);
}

/** Uploads a file as the raw request body with its content type (e.g. an NDJSON or CSV import), with progress. */
export function uploadRaw<T>(path: string, body: Blob, contentType: string, onProgress?: (fraction: number) => void): Promise<T> {
  return send<T>(path, body, contentType, onProgress);
}

function send<T>(path: string, body: FormData | Blob, contentType: string | null, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('accept', 'application/json');
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onload = () => {
      const data = xhr.responseText ? safeJson(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const p = (data ?? {}) as { code?: string; detail?: string; errors?: FieldError[] };
      reject(new ApiError(xhr.status, p.code ?? 'http_error', p.detail ?? xhr.statusText, p.errors ?? []));
    };
    xhr.send(body);
  });
}
