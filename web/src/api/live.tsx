/**
 * Live events from `GET /api/v1/workspaces/:id/events` (Server-Sent Events): one EventSource per
 * tab for the chosen workspace. Pages subscribe with `useLiveEvent('inbox.', handler)`; events are
 * hints, so handlers usually invalidate a TanStack query. After a reconnect every query is
 * invalidated, because events sent while the connection was down are not replayed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface LiveEvent {
  type: string;
  [key: string]: unknown;
}
type Handler = (e: LiveEvent) => void;

interface LiveState {
  connected: boolean;
  subscribe(prefix: string, fn: Handler): () => void;
}

const LiveContext = createContext<LiveState>({ connected: false, subscribe: () => () => undefined });

export function LiveEventsProvider({ workspaceId, children }: { workspaceId: string | null; children: ReactNode }) {
  const qc = useQueryClient();
  const handlers = useRef(new Map<Handler, string>());
  const [connected, setConnected] = useState(false);
  const [subscribe] = useState(() => (prefix: string, fn: Handler) => {
    handlers.current.set(fn, prefix);
    return () => void handlers.current.delete(fn);
  });

  useEffect(() => {
    if (!workspaceId || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/v1/workspaces/${workspaceId}/events`, { withCredentials: true });
    let readyBefore = false;
    es.onmessage = (ev: MessageEvent<string>) => {
      let e: LiveEvent;
      try {
        e = JSON.parse(ev.data) as LiveEvent;
      } catch {
        return;
      }
      if (e.type === 'ready') {
        setConnected(true);
        if (readyBefore) void qc.invalidateQueries();
        readyBefore = true;
        return;
      }
      for (const [fn, prefix] of handlers.current) if (e.type.startsWith(prefix)) fn(e);
    };
    // EventSource reconnects by itself (the server sends `retry: 3000`); we only show the state.
    es.onerror = () => setConnected(false);
    return () => {
      es.close();
      setConnected(false);
    };
  }, [workspaceId, qc]);

  return <LiveContext.Provider value={{ connected, subscribe }}>{children}</LiveContext.Provider>;
}

/** Calls `handler` for every live event whose type starts with `prefix` (e.g. `'publishing.'`). */
export function useLiveEvent(prefix: string, handler: Handler): void {
  const { subscribe } = useContext(LiveContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => subscribe(prefix, (e) => ref.current(e)), [subscribe, prefix]);
}

/** Invalidates the queries under `queryKey` whenever an event with `prefix` arrives. */
export function useLiveInvalidate(prefix: string, queryKey: readonly unknown[]): void {
  const qc = useQueryClient();
  useLiveEvent(prefix, () => void qc.invalidateQueries({ queryKey }));
}

/** Whether the live connection is up (for a small "live" indicator). */
export function useLiveConnected(): boolean {
  return useContext(LiveContext).connected;
}
