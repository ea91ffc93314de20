import { isDeepStrictEqual } from 'node:util';
import type { AgentDefinition } from '../../agents/agent-definition.js';
import { parseAgentDefinition } from '../../agents/load-provisioning.js';
import type { SystemDatabase, TenantTransaction } from '../db/switchboard-database.js';

/** An agent as stored: its current definition plus bookkeeping. */
export interface StoredAgent {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly version: number;
  readonly source: 'api' | 'provisioning-file';
  readonly definition: AgentDefinition;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AgentVersionSummary {
  readonly version: number;
  readonly createdAt: Date;
  readonly definition: AgentDefinition;
}

type Executor = TenantTransaction | SystemDatabase;

/** Stores a new agent as version 1. Throws ProvisioningError when the definition is invalid. */
export async function createAgent(
  trx: TenantTransaction,
  orgId: string,
  input: unknown,
  source: StoredAgent['source'] = 'api',
): Promise<StoredAgent> {
  const definition = parseAgentDefinition(input);
  const row = await trx
    .insertInto('agents')
    .values({ org_id: orgId, name: definition.name, source })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('agent_versions')
    .values({ agent_id: row.id, org_id: orgId, version: 1, definition: JSON.stringify(definition) })
    .execute();
  return {
    id: row.id,
    orgId,
    name: row.name,
    version: 1,
    source,
    definition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Replaces an agent's definition. An identical definition keeps the version; any change makes a
 * new one, so past calls still point at exactly what answered them.
 */
export async function updateAgent(
  trx: TenantTransaction,
  agentId: string,
  input: unknown,
  source?: StoredAgent['source'],
): Promise<StoredAgent | undefined> {
  const current = await getAgent(trx, agentId);
  if (current === undefined) return undefined;
  const definition = parseAgentDefinition(input);
  if (
    isDeepStrictEqual(definition, current.definition) &&
    (source === undefined || source === current.source)
  )
    return current;
  const version = isDeepStrictEqual(definition, current.definition)
    ? current.version
    : current.version + 1;
  const updatedAt = new Date();
  if (version !== current.version) {
    await trx
      .insertInto('agent_versions')
      .values({
        agent_id: agentId,
        org_id: current.orgId,
        version,
        definition: JSON.stringify(definition),
      })
      .execute();
  }
  await trx
    .updateTable('agents')
    .set({
      name: definition.name,
      current_version: version,
      updated_at: updatedAt,
      ...(source !== undefined ? { source } : {}),
    })
    .where('id', '=', agentId)
    .execute();
  return {
    ...current,
    name: definition.name,
    version,
    definition,
    updatedAt,
    source: source ?? current.source,
  };
}

/** The current version of an agent (archived agents included, so old calls can show them). */
export async function getAgent(
  executor: Executor,
  agentId: string,
): Promise<StoredAgent | undefined> {
  const row = await executor
    .selectFrom('agents')
    .innerJoin('agent_versions', (join) =>
      join
        .onRef('agent_versions.agent_id', '=', 'agents.id')
        .onRef('agent_versions.version', '=', 'agents.current_version'),
    )
    .select([
      'agents.id',
      'agents.org_id',
      'agents.name',
      'agents.current_version',
      'agents.source',
      'agents.created_at',
      'agents.updated_at',
      'agent_versions.definition',
    ])
    .where('agents.id', '=', agentId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    version: row.current_version,
    source: row.source,
    definition: row.definition as unknown as AgentDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findAgentIdByName(
  executor: Executor,
  orgId: string,
  name: string,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('agents')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row?.id;
}

export async function listAgents(trx: TenantTransaction): Promise<StoredAgent[]> {
  const rows = await trx
    .selectFrom('agents')
    .select('id')
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  const agents = await Promise.all(rows.map((row) => getAgent(trx, row.id)));
  return agents.filter((agent): agent is StoredAgent => agent !== undefined);
}

export async function listAgentVersions(
  trx: TenantTransaction,
  agentId: string,
): Promise<AgentVersionSummary[]> {
  const rows = await trx
    .selectFrom('agent_versions')
    .select(['version', 'created_at', 'definition'])
    .where('agent_id', '=', agentId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    createdAt: row.created_at,
    definition: row.definition as unknown as AgentDefinition,
  }));
}

/** The exact definition a call was answered with. */
export async function getAgentVersion(
  executor: Executor,
  agentId: string,
  version: number,
): Promise<AgentDefinition | undefined> {
  const row = await executor
    .selectFrom('agent_versions')
    .select('definition')
    .where('agent_id', '=', agentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.definition as unknown as AgentDefinition | undefined;
}

/** Hides an agent from lists and routing; its versions stay for the calls that used them. */
export async function archiveAgent(trx: TenantTransaction, agentId: string): Promise<boolean> {
  const result = await trx
    .updateTable('agents')
    .set({ archived_at: new Date(), name: `${agentId}-archived` })
    .where('id', '=', agentId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
