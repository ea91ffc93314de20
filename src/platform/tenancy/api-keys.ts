import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import { API_KEY_PREFIX, generateApiKey, hashApiKey } from './api-key-secret.js';

export type ApiKeyRole = 'admin' | 'viewer';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  /** The first characters of the secret, to tell keys apart. */
  readonly prefix: string;
  readonly role: ApiKeyRole;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** Who is calling the API. */
export interface ApiKeyPrincipal {
  readonly orgId: string;
  readonly keyId: string;
  readonly role: ApiKeyRole;
}

const KEY_COLUMNS = [
  'id',
  'name',
  'prefix',
  'role',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;
/** last_used_at is advisory: writing it on every request would turn reads into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createApiKey(
  trx: TenantTransaction,
  orgId: string,
  input: { name: string; role?: ApiKeyRole },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const generated = generateApiKey();
  const row = await trx
    .insertInto('api_keys')
    .values({
      org_id: orgId,
      name: input.name,
      prefix: generated.prefix,
      key_hash: generated.hash,
      role: input.role ?? 'admin',
    })
    .returning(KEY_COLUMNS)
    .executeTakeFirstOrThrow();
  return { apiKey: toApiKey(row), secret: generated.secret };
}

export async function listApiKeys(trx: TenantTransaction): Promise<ApiKey[]> {
  return (await trx.selectFrom('api_keys').select(KEY_COLUMNS).orderBy('created_at').execute()).map(
    toApiKey,
  );
}

export async function revokeApiKey(
  trx: TenantTransaction,
  keyId: string,
): Promise<ApiKey | undefined> {
  const row = await trx
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .returning(KEY_COLUMNS)
    .executeTakeFirst();
  return row === undefined ? undefined : toApiKey(row);
}

/** Finds the live key for a secret (before the organisation is known: the system door). */
export async function findApiKeyPrincipal(
  database: SwitchboardDatabase,
  secret: string,
  now: Date = new Date(),
): Promise<ApiKeyPrincipal | undefined> {
  if (!secret.startsWith(API_KEY_PREFIX)) return undefined;
  return database.asSystem('authentication', async (db) => {
    const row = await db
      .selectFrom('api_keys')
      .select(['id', 'org_id', 'role', 'last_used_at'])
      .where('key_hash', '=', hashApiKey(secret))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    if (
      row.last_used_at === null ||
      now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS
    ) {
      await db
        .updateTable('api_keys')
        .set({ last_used_at: now })
        .where('id', '=', row.id)
        .execute();
    }
    return { orgId: row.org_id, keyId: row.id, role: row.role };
  });
}

function toApiKey(row: {
  id: string;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
