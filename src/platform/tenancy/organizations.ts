import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import { hashPassword } from './password-hash.js';

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly timeZone: string;
  readonly defaultAgentId: string | null;
  readonly createdAt: Date;
}

export interface NewOrganization {
  readonly name: string;
  readonly slug?: string;
  readonly timeZone?: string;
  /** The first user, with the owner role. */
  readonly owner?: { readonly email: string; readonly password: string; readonly name?: string };
}

/** `Acme Motors` → `acme-motors`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug === '' ? 'org' : slug;
}

/** Creates an organisation (and its owner). Spans tenants by nature: it makes a new one. */
export async function createOrganization(
  database: SwitchboardDatabase,
  input: NewOrganization,
): Promise<Organization> {
  const passwordHash =
    input.owner === undefined ? undefined : await hashPassword(input.owner.password);
  return database.asSystem('administration', (db) =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('organizations')
        .values({
          name: input.name,
          slug: input.slug ?? slugify(input.name),
          time_zone: input.timeZone ?? 'UTC',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.owner !== undefined && passwordHash !== undefined) {
        await trx
          .insertInto('users')
          .values({
            org_id: row.id,
            email: input.owner.email.trim().toLowerCase(),
            name: input.owner.name ?? null,
            password_hash: passwordHash,
            role: 'owner',
          })
          .execute();
      }
      return toOrganization(row);
    }),
  );
}

/** The organisation of the current tenant transaction. */
export async function getOrganization(
  trx: TenantTransaction,
  orgId: string,
): Promise<Organization | undefined> {
  const row = await trx
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', orgId)
    .executeTakeFirst();
  return row === undefined ? undefined : toOrganization(row);
}

export async function updateOrganization(
  trx: TenantTransaction,
  orgId: string,
  changes: { name?: string; timeZone?: string; defaultAgentId?: string | null },
): Promise<Organization | undefined> {
  const row = await trx
    .updateTable('organizations')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
      ...(changes.defaultAgentId !== undefined ? { default_agent_id: changes.defaultAgentId } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', orgId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toOrganization(row);
}

function toOrganization(row: {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  default_agent_id: string | null;
  created_at: Date;
}): Organization {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.time_zone,
    defaultAgentId: row.default_agent_id,
    createdAt: row.created_at,
  };
}
