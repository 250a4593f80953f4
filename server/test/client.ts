/** A signed-in HTTP client over Fastify's inject: keeps the session cookie and sends the CSRF token. */
import type { App } from '../http/app.ts';
import { TEST_PASSWORD } from './factories.ts';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | number | string[] | undefined>;
  text: string;
}

export class TestClient {
  cookie = '';
  csrf = '';
  bearer = '';
  readonly app: App;
  constructor(app: App) {
    this.app = app;
  }

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ method: method as 'GET', url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      if (pair?.startsWith('rz_session=')) this.cookie = /Expires=Thu, 01 Jan 1970/.test(c) || pair === 'rz_session=' ? '' : pair;
    }
    let parsed: unknown = undefined;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = undefined;
    }
    const b = parsed as { csrfToken?: string } | undefined;
    if (b && typeof b === 'object' && typeof b.csrfToken === 'string') this.csrf = b.csrfToken;
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text: res.body };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body ?? {}, headers);
  }
  put<T = any>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body ?? {});
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body ?? {});
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(email: string, password = TEST_PASSWORD): Promise<Res> {
    const r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
    return r;
  }
}

export async function loggedIn(app: App, email: string, password = TEST_PASSWORD): Promise<TestClient> {
  const c = new TestClient(app);
  await c.login(email, password);
  return c;
}
