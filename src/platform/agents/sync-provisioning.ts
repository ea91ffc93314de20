import type { Provisioning } from '../../agents/agent-definition.js';
import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { toE164 } from '../numbers/phone-numbers.js';
import { createAgent, findAgentIdByName, updateAgent } from './agent-store.js';

/** The organisation a provisioning file without `organization:` belongs to. */
export const DEFAULT_ORGANIZATION = {
  slug: 'default',
  name: 'Default organisation',
  timeZone: 'UTC',
} as const;

export interface ProvisioningSyncResult {
  readonly orgId: string;
  readonly agents: readonly {
    readonly name: string;
    readonly id: string;
    readonly version: number;
  }[];
  readonly numbers: readonly string[];
}

/**
 * Upserts a provisioning file into the database at start-up, so agents kept in git stay the
 * source of truth for what they define: agents by name (a changed definition becomes a new
 * version), numbers by E.164. Nothing is deleted: agents made through the API are left alone.
 */
export async function syncProvisioning(
  database: SwitchboardDatabase,
  provisioning: Provisioning,
  logger: Logger,
): Promise<ProvisioningSyncResult> {
  const wanted = provisioning.organization ?? DEFAULT_ORGANIZATION;
  const orgId = await database.asSystem('provisioning', async (db) => {
    await db
      .insertInto('organizations')
      .values({ slug: wanted.slug, name: wanted.name, time_zone: wanted.timeZone })
      .onConflict((conflict) => conflict.column('slug').doNothing())
      .execute();
    const row = await db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', wanted.slug)
      .executeTakeFirstOrThrow();
    return row.id;
  });
  const fileNumbers = provisioning.numbers.map((entry) => toE164(entry.number));
  const taken = await database.asSystem('provisioning', async (db) =>
    fileNumbers.length === 0
      ? []
      : (
          await db
            .selectFrom('phone_numbers')
            .select('number')
            .where('number', 'in', fileNumbers)
            .where('org_id', '!=', orgId)
            .execute()
        ).map((row) => row.number),
  );
  for (const number of taken)
    logger.error(
      { pii: { number } },
      'provisioned number belongs to another organisation; left as it is',
    );
  return database.forOrganization(orgId, async (trx) => {
    const agents: { name: string; id: string; version: number }[] = [];
    for (const definition of provisioning.agents) {
      const existingId = await findAgentIdByName(trx, orgId, definition.name);
      const stored =
        existingId === undefined
          ? await createAgent(trx, orgId, definition, 'provisioning-file')
          : await updateAgent(trx, existingId, definition, 'provisioning-file');
      if (stored !== undefined)
        agents.push({ name: stored.name, id: stored.id, version: stored.version });
    }
    const numbers: string[] = [];
    for (const entry of provisioning.numbers) {
      const agentId = agents.find((agent) => agent.name === entry.agent)?.id ?? null;
      const number = toE164(entry.number);
      if (taken.includes(number)) continue;
      const row = {
        org_id: orgId,
        number,
        carrier: entry.carrier,
        inbound_agent_id: agentId,
        active: true,
        updated_at: new Date(),
      };
      await trx
        .insertInto('phone_numbers')
        .values(row)
        .onConflict((conflict) => conflict.column('number').doUpdateSet(row))
        .execute();
      numbers.push(number);
    }
    const defaultAgent = agents.find(
      (agent) => agent.name === provisioning.organization?.defaultAgent,
    );
    if (provisioning.organization?.defaultAgent !== undefined && defaultAgent === undefined) {
      logger.warn(
        { defaultAgent: provisioning.organization.defaultAgent },
        'organization.defaultAgent names no agent in the file',
      );
    }
    if (defaultAgent !== undefined) {
      await trx
        .updateTable('organizations')
        .set({ default_agent_id: defaultAgent.id })
        .where('id', '=', orgId)
        .execute();
    }
    logger.info(
      {
        orgId,
        agents: agents.map((agent) => `${agent.name}@v${agent.version}`),
        numbers: numbers.length,
      },
      'provisioning file synced',
    );
    return { orgId, agents, numbers };
  });
}
