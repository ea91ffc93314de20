import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../api/types.js';

/** The signed-in user as the shell knows it, and a way to change it (sign in / out). */
export interface SessionState {
  /** undefined while loading, null when signed out. */
  readonly session: Session | null | undefined;
  setSession(session: Session | null): void;
}

export const SessionContext = createContext<SessionState>({
  session: undefined,
  setSession: () => undefined,
});

/** The session of the signed-in user (see {@link SessionState}). */
export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** Whether the signed-in user may change things (owners and admins); false while unknown. */
export function useCanAdminister(): boolean {
  const role = useSession().session?.user.role;
  return role === 'owner' || role === 'admin';
}
