import { z } from 'zod';
import { ProvisioningError } from '../../../agents/provisioning-error.js';
import { agentSchema } from '../../../agents/provisioning-schema.js';
import {
  archiveAgent,
  createAgent,
  getAgent,
  listAgents,
  listAgentVersions,
  updateAgent,
  type StoredAgent,
} from '../../agents/agent-store.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { conflict, notFound, validationFailed } from '../http/api-problem.js';
import { isUniqueViolation } from '../../db/postgres-errors.js';

const agentInputSchema = agentSchema.meta({
  id: 'AgentDefinition',
  description: 'Everything an agent is: the same fields as an agent in the provisioning file.',
});

const storedAgentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    version: z
      .int()
      .meta({ description: 'Current version; every change to the definition makes a new one.' }),
    source: z.enum(['api', 'provisioning-file']),
    definition: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The AgentDefinition with every default applied.' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Agent' });

const versionSchema = z
  .object({
    version: z.int(),
    createdAt: z.iso.datetime(),
    definition: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AgentVersion' });

const agentParams = z.object({ agentId: z.uuid() });

function toBody(agent: StoredAgent) {
  return {
    id: agent.id,
    name: agent.name,
    version: agent.version,
    source: agent.source,
    definition: agent.definition as unknown as Record<string, unknown>,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

/** Checks that span fields (transfer_call needs destinations…) come back as 422s with paths. */
async function withDefinitionProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProvisioningError) {
      throw validationFailed(
        error.problems.map((problem) => ({
          path: problem.path === '' ? 'body' : `body.${problem.path}`,
          message: problem.message,
        })),
      );
    }
    if (isUniqueViolation(error))
      throw conflict('An agent with that name exists in this organisation.');
    throw error;
  }
}

/** Agents and their versions. */
export function createAgentRoutes({ database }: ApiDependencies) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/agents',
    operationId: 'listAgents',
    summary: 'List agents',
    tags: ['agents'],
    auth: 'api-key',
    scope: 'read',
    responses: {
      200: { description: 'Agents', schema: z.object({ data: z.array(storedAgentSchema) }) },
    },
    handler: async ({ principal }) => ({
      status: 200,
      body: { data: (await database.forOrganization(principal.orgId, listAgents)).map(toBody) },
    }),
  });
  const create = defineRoute({
    method: 'post',
    path: '/v1/agents',
    operationId: 'createAgent',
    summary: 'Create an agent (version 1)',
    tags: ['agents'],
    auth: 'api-key',
    scope: 'write',
    body: agentInputSchema,
    responses: {
      201: { description: 'Created', schema: storedAgentSchema },
      409: { description: 'Name taken' },
    },
    handler: async ({ principal, body }) => {
      const agent = await withDefinitionProblems(() =>
        database.forOrganization(principal.orgId, (trx) => createAgent(trx, principal.orgId, body)),
      );
      return { status: 201, body: toBody(agent), headers: { location: `/v1/agents/${agent.id}` } };
    },
  });
  const get = defineRoute({
    method: 'get',
    path: '/v1/agents/{agentId}',
    operationId: 'getAgent',
    summary: 'Get an agent (current version)',
    tags: ['agents'],
    auth: 'api-key',
    scope: 'read',
    params: agentParams,
    responses: { 200: { description: 'The agent', schema: storedAgentSchema } },
    handler: async ({ principal, params }) => {
      const agent = await database.forOrganization(principal.orgId, (trx) =>
        getAgent(trx, params.agentId),
      );
      if (agent === undefined) throw notFound('Agent', params.agentId);
      return { status: 200, body: toBody(agent) };
    },
  });
  const replace = defineRoute({
    method: 'put',
    path: '/v1/agents/{agentId}',
    operationId: 'updateAgent',
    summary: 'Replace an agent definition (a change makes a new version)',
    tags: ['agents'],
    auth: 'api-key',
    scope: 'write',
    params: agentParams,
    body: agentInputSchema,
    responses: { 200: { description: 'The agent', schema: storedAgentSchema } },
    handler: async ({ principal, params, body }) => {
      const agent = await withDefinitionProblems(() =>
        database.forOrganization(principal.orgId, (trx) =>
          updateAgent(trx, params.agentId, body, 'api'),
        ),
      );
      if (agent === undefined) throw notFound('Agent', params.agentId);
      return { status: 200, body: toBody(agent) };
    },
  });
  const archive = defineRoute({
    method: 'delete',
    path: '/v1/agents/{agentId}',
    operationId: 'archiveAgent',
    summary: 'Archive an agent (past calls keep their versions)',
    tags: ['agents'],
    auth: 'api-key',
    scope: 'write',
    params: agentParams,
    responses: { 204: { description: 'Archived' } },
    handler: async ({ principal, params }) => {
      const archived = await database.forOrganization(principal.orgId, (trx) =>
        archiveAgent(trx, params.agentId),
      );
      if (!archived) throw notFound('Agent', params.agentId);
      return { status: 204 };
    },
  });
  const versions = defineRoute({
    method: 'get',
    path: '/v1/agents/{agentId}/versions',
    operationId: 'listAgentVersions',
    summary: "An agent's versions, newest first",
    tags: ['agents'],
    auth: 'api-key',
    scope: 'read',
    params: agentParams,
    responses: {
      200: { description: 'Versions', schema: z.object({ data: z.array(versionSchema) }) },
    },
    handler: async ({ principal, params }) => {
      const rows = await database.forOrganization(principal.orgId, (trx) =>
        listAgentVersions(trx, params.agentId),
      );
      if (rows.length === 0) throw notFound('Agent', params.agentId);
      return {
        status: 200,
        body: {
          data: rows.map((row) => ({
            version: row.version,
            createdAt: row.createdAt.toISOString(),
            definition: row.definition as unknown as Record<string, unknown>,
          })),
        },
      };
    },
  });
  return [list, create, get, replace, archive, versions];
}
