/**
 * Who is signed in, and in which workspace. The session comes from GET /auth/me (cached by TanStack
 * Query under ['session']); the chosen workspace is remembered per browser.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../../common/permissions.ts';
import { ApiError, get, setCsrfToken } from './client.ts';
import type { Me, WorkspaceSummary } from './types.ts';

export type Session = { state: 'anonymous' } | { state: 'totp' } | { state: 'ready'; me: Me };

export const SESSION_KEY = ['session'] as const;

export async function fetchSession(): Promise<Session> {
  try {
    const me = await get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return { state: 'ready', me };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return e.code === 'totp_required' ? { state: 'totp' } : { state: 'anonymous' };
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** Reloads the session after login, logout, profile or membership changes. */
export function useRefreshSession() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: SESSION_KEY }), [qc]);
}

interface WorkspaceState {
  me: Me;
  workspace: WorkspaceSummary | null;
  selectWorkspace: (id: string) => void;
}

const WorkspaceContext = createContext<WorkspaceState | null>(null);
const STORAGE_KEY = 'resonanz.workspace';

export function WorkspaceProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const workspace = me.workspaces.find((w) => w.id === chosen) ?? me.workspaces[0] ?? null;
  const selectWorkspace = useCallback((id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setChosen(id);
  }, []);
  const value = useMemo(() => ({ me, workspace, selectWorkspace }), [me, workspace, selectWorkspace]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspaceState(): WorkspaceState {
  const v = useContext(WorkspaceContext);
  if (!v) throw new Error('useWorkspaceState outside WorkspaceProvider');
  return v;
}

/** The current workspace; pages under the app shell only render when there is one. */
export function useWorkspace(): WorkspaceSummary {
  const { workspace } = useWorkspaceState();
  if (!workspace) throw new Error('no workspace');
  return workspace;
}

export function useCan(): (p: Permission) => boolean {
  const { workspace } = useWorkspaceState();
  return useCallback((p: Permission) => Boolean(workspace?.permissions.includes(p)), [workspace]);
}
