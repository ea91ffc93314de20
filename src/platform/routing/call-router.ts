import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger.js';
import type { RoutingRule } from '../db/database-schema.js';
import type { SwitchboardDatabase, SystemDatabase } from '../db/switchboard-database.js';
import { findOrganizationByCarrierAccount } from '../tenancy/provider-credentials.js';

/** An inbound call as the carrier webhook describes it. */
export interface InboundCallRequest {
  readonly carrier: 'twilio' | 'signalwire';
  readonly carrierCallId: string;
  /** The carrier account the webhook came from (Twilio AccountSid, SignalWire project). */
  readonly accountId: string;
  readonly from: string;
  readonly to: string;
  /** An agent the carrier names (the `agent` parameter of the webhook URL): id or name. */
  readonly agentParameter?: string;
  /** Per-call variables from the webhook URL's query (`?customer_name=…`). */
  readonly variables?: Readonly<Record<string, string>>;
}

export type RouteOutcome =
  | {
      readonly kind: 'accept';
      readonly callId: string;
      readonly orgId: string;
      readonly agentId: string;
      readonly agentVersion: number;
      readonly agentName: string;
      readonly routedBy: Exclude<RoutingRule, 'none'>;
    }
  | {
      readonly kind: 'reject';
      readonly callId?: string;
      readonly orgId?: string;
      readonly reason: 'unknown-number';
    };

export interface CallRouterOptions {
  readonly database: SwitchboardDatabase;
  /** The organisation that owns the installation's own carrier accounts (from the environment). */
  readonly defaultOrgId?: string;
  /** Carrier accounts configured in the environment, which belong to `defaultOrgId`. */
  readonly installationAccounts?: readonly string[];
  readonly logger: Logger;
}

interface Candidate {
  readonly orgId: string;
  readonly agentId: string;
  readonly agentVersion: number;
  readonly agentName: string;
  readonly routedBy: Exclude<RoutingRule, 'none' | 'conversation'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decides who answers an inbound call and records the call before any AI provider is contacted.
 * Rules, in order: a call already routed for this carrier call id (a retried webhook) → an agent
 * the carrier names → the dialled number's agent → the organisation's default agent → an apology.
 * Routing spans organisations by nature (the call does not say whose it is), hence the system door.
 */
export function createCallRouter(options: CallRouterOptions) {
  const { database } = options;

  async function organizationOf(
    db: SystemDatabase,
    request: InboundCallRequest,
    numberOrg: string | undefined,
  ) {
    if (numberOrg !== undefined) return numberOrg;
    const owner = await findOrganizationByCarrierAccount(
      database,
      request.carrier,
      request.accountId,
    );
    if (owner !== undefined) return owner;
    return options.installationAccounts?.includes(request.accountId)
      ? options.defaultOrgId
      : undefined;
  }

  async function liveAgent(
    db: SystemDatabase,
    where: { orgId: string; id?: string; name?: string },
  ) {
    let query = db
      .selectFrom('agents')
      .select(['id', 'current_version', 'name'])
      .where('org_id', '=', where.orgId)
      .where('archived_at', 'is', null);
    if (where.id !== undefined) query = query.where('id', '=', where.id);
    if (where.name !== undefined) query = query.where('name', '=', where.name);
    return query.executeTakeFirst();
  }

  async function choose(
    db: SystemDatabase,
    request: InboundCallRequest,
  ): Promise<{ orgId?: string; candidate?: Candidate }> {
    // The number and its agent in one query: the common path of every call.
    const number = await db
      .selectFrom('phone_numbers')
      .leftJoin('agents', (join) =>
        join
          .onRef('agents.id', '=', 'phone_numbers.inbound_agent_id')
          .on('agents.archived_at', 'is', null),
      )
      .select([
        'phone_numbers.org_id',
        'phone_numbers.inbound_agent_id',
        'phone_numbers.active',
        'phone_numbers.voice_enabled',
        'agents.id as agent_id',
        'agents.current_version as agent_version',
        'agents.name as agent_name',
      ])
      .where('phone_numbers.number', '=', request.to)
      .executeTakeFirst();
    const usable = number !== undefined && number.active && number.voice_enabled;
    const orgId = await organizationOf(db, request, usable ? number.org_id : undefined);
    if (orgId === undefined) return {};
    const parameter = request.agentParameter?.trim();
    if (parameter !== undefined && parameter !== '') {
      const agent = await liveAgent(
        db,
        UUID.test(parameter) ? { orgId, id: parameter } : { orgId, name: parameter },
      );
      if (agent !== undefined)
        return { orgId, candidate: fromAgent(orgId, agent, 'carrier-parameter') };
      options.logger.warn(
        { callSid: request.carrierCallId, agent: parameter },
        'carrier named an unknown agent',
      );
    }
    if (
      usable &&
      number.agent_id !== null &&
      number.agent_version !== null &&
      number.agent_name !== null
    ) {
      const agent = {
        id: number.agent_id,
        current_version: number.agent_version,
        name: number.agent_name,
      };
      return { orgId, candidate: fromAgent(orgId, agent, 'number') };
    }
    const organization = await db
      .selectFrom('organizations')
      .select('default_agent_id')
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (organization?.default_agent_id != null) {
      const agent = await liveAgent(db, { orgId, id: organization.default_agent_id });
      if (agent !== undefined)
        return { orgId, candidate: fromAgent(orgId, agent, 'default-agent') };
    }
    return { orgId };
  }

  async function findExisting(
    db: SystemDatabase,
    request: InboundCallRequest,
  ): Promise<RouteOutcome | undefined> {
    const existing = await db
      .selectFrom('calls')
      .select(['id', 'org_id', 'agent_id', 'agent_version', 'agent_name'])
      .where('carrier', '=', request.carrier)
      .where('carrier_call_id', '=', request.carrierCallId)
      .executeTakeFirst();
    if (existing === undefined) return undefined;
    if (existing.agent_id === null || existing.agent_version === null) {
      return {
        kind: 'reject',
        callId: existing.id,
        orgId: existing.org_id,
        reason: 'unknown-number',
      };
    }
    return {
      kind: 'accept',
      callId: existing.id,
      orgId: existing.org_id,
      agentId: existing.agent_id,
      agentVersion: existing.agent_version,
      agentName: existing.agent_name ?? '',
      routedBy: 'conversation',
    };
  }

  return {
    async route(request: InboundCallRequest): Promise<RouteOutcome> {
      return database.asSystem('routing', async (db) => {
        // A retried webhook finds its call when the insert below conflicts; known unknown-number
        // calls are rare enough to look up first.
        const { orgId, candidate } = await choose(db, request);
        if (orgId === undefined || candidate === undefined) {
          const existing = await findExisting(db, request);
          if (existing !== undefined) return existing;
        }
        if (orgId === undefined) return { kind: 'reject', reason: 'unknown-number' };
        const callId = randomUUID();
        const now = new Date();
        const unrouted = {
          ended_at: now,
          duration_ms: 0,
          end_reason: 'unknown-number',
          disposition: 'failed' as const,
        };
        const inserted = await db
          .insertInto('calls')
          .values({
            id: callId,
            org_id: orgId,
            direction: 'inbound',
            status: candidate === undefined ? 'completed' : 'ringing',
            from_number: request.from,
            to_number: request.to,
            carrier: request.carrier,
            carrier_call_id: request.carrierCallId,
            agent_id: candidate?.agentId ?? null,
            agent_version: candidate?.agentVersion ?? null,
            agent_name: candidate?.agentName ?? null,
            routed_by: candidate?.routedBy ?? 'none',
            variables: JSON.stringify(request.variables ?? {}),
            created_at: now,
            updated_at: now,
            total_cost: 0,
            ...(candidate === undefined ? unrouted : {}),
          })
          // Two deliveries of one webhook race here: the loser takes the winner's call.
          .onConflict((conflict) =>
            conflict
              .columns(['carrier', 'carrier_call_id'])
              .where('carrier_call_id', 'is not', null)
              .doNothing(),
          )
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) {
          const winner = await findExisting(db, request);
          if (winner !== undefined) return winner;
        }
        if (candidate === undefined)
          return { kind: 'reject', callId, orgId, reason: 'unknown-number' };
        return { kind: 'accept', callId, ...candidate };
      });
    },
  };
}

export type CallRouter = ReturnType<typeof createCallRouter>;

function fromAgent(
  orgId: string,
  agent: { id: string; current_version: number; name: string },
  routedBy: Candidate['routedBy'],
): Candidate {
  return {
    orgId,
    agentId: agent.id,
    agentVersion: agent.current_version,
    agentName: agent.name,
    routedBy,
  };
}
