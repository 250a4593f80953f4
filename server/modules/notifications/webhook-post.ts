/**
 * One webhook POST (alerts, crisis messages to team chats), with up to two retries on a transport
 * error, a timeout, 429 or 5xx: each message is sent once per event, so a receiver's short hiccup must
 * not lose it. Other 4xx answers are final. Callers pass a fetch through the SSRF guard.
 */
export type WebhookFetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number }>;

/** Pauses before the 2nd and 3rd attempt: receivers restart, proxies answer 502 for a moment. */
export const WEBHOOK_RETRY_DELAYS_MS = [2_000, 8_000];

export async function postWebhook(fetchImpl: WebhookFetch, url: string, headers: Record<string, string>, body: string, delays: readonly number[] = WEBHOOK_RETRY_DELAYS_MS): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let status: number | null = null;
    let error: Error;
    try {
      const res = await fetchImpl(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
      status = res.status;
      error = new Error(`HTTP ${res.status}`);
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    const final = status !== null && status < 500 && status !== 429;
    const delay = delays[attempt];
    if (final || delay === undefined) throw error;
    await new Promise((r) => setTimeout(r, delay));
  }
}
