import type { Role } from '../../api/types.js';
import { useSession } from '../../hooks/use-session.js';

/**
 * The signed-in user's role, from the session the shell already asked `GET /v1/session` for:
 * `'loading'` until it answered, `'unknown'` when no user is signed in (an API key, say).
 */
export function useRole(): Role | 'loading' | 'unknown' {
  const { session } = useSession();
  if (session === undefined) return 'loading';
  // The route answers `user: null` for API keys, whatever the shell's type says.
  const role: Role | undefined = session?.user?.role;
  return role ?? 'unknown';
}

/**
 * False for viewers, and while the role is loading (their pages are read-only). An unknown role
 * keeps editing on: the API still refuses what the caller may not do, and says so in words.
 */
export function useCanEdit(): boolean {
  const role = useRole();
  return role !== 'viewer' && role !== 'loading';
}
