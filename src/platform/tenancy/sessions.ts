import { createHash, randomBytes } from 'node:crypto';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import type { UserRole } from './users.js';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'sb_session';
/** Tokens start with this, so a leaked one is easy to recognise. */
const TOKEN_PREFIX = 'sbs_';
/** A session nobody used for this long is over. */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
/** And every session is over after this, used or not. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600_000;
/** `last_seen_at` moves at most this often, so reads do not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Who a live session signs in. */
export interface SessionPrincipal {
  readonly sessionId: string;
  readonly orgId: string;
  readonly userId: string;
  readonly role: UserRole;
}

/** Tokens carry 256 random bits, so a fast hash finds them in one indexed lookup. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for a signed-in user; the token goes into the cookie and is never stored. */
export async function createSession(
  database: SwitchboardDatabase,
  user: { readonly id: string; readonly orgId: string },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await database.forOrganization(user.orgId, (trx) =>
    trx
      .insertInto('sessions')
      .values({
        org_id: user.orgId,
        user_id: user.id,
        token_hash: hashToken(token),
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
      })
      .execute(),
  );
  return { token, expiresAt };
}

/**
 * Finds the live session of a token: not expired, not idle too long, its user still there. Runs
 * before any organisation is known, hence the system door.
 */
export async function findSessionPrincipal(
  database: SwitchboardDatabase,
  token: string,
  now: Date = new Date(),
): Promise<SessionPrincipal | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  return database.asSystem('authentication', async (db) => {
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.org_id',
        'sessions.user_id',
        'sessions.last_seen_at',
        'users.role',
      ])
      .where('sessions.token_hash', '=', hashToken(token))
      .where('sessions.expires_at', '>', now)
      .where('sessions.last_seen_at', '>', new Date(now.getTime() - SESSION_IDLE_MS))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    if (now.getTime() - row.last_seen_at.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id', '=', row.session_id)
        .execute();
    }
    return {
      sessionId: row.session_id,
      orgId: row.org_id,
      userId: row.user_id,
      role: row.role,
    };
  });
}

/** Signs a session out. Unknown tokens are ignored: signing out twice is not an error. */
export async function deleteSession(database: SwitchboardDatabase, token: string): Promise<void> {
  await database.asSystem('authentication', (db) =>
    db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute(),
  );
}
