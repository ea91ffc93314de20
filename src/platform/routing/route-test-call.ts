import { randomUUID } from 'node:crypto';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';

/** A browser test call to record: who places it, to which agent of which organisation. */
export interface TestCallRequest {
  readonly orgId: string;
  readonly agentId: string;
  /** Who calls, e.g. `browser:<api key id>`; stored as the caller's number. */
  readonly from: string;
  /** Call variables for the agent's templates, over its defaults. */
  readonly variables?: Readonly<Record<string, string>>;
  /** The connection's id; generated (`browser-<uuid>`) when absent. */
  readonly carrierCallId?: string;
}

/** The recorded test call: what `CallRuntime.startCall` needs to find it again. */
export interface RoutedTestCall {
  readonly callId: string;
  readonly agentName: string;
  readonly agentVersion: number;
  readonly carrierCallId: string;
  /** Stored as the dialled number: the agent's name. */
  readonly to: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Routes a browser test call to the agent's current version and records it before anything else
 * happens, as the router does for a phone call: carrier `browser`, routed by `api`, inbound,
 * in progress. Unlike carrier routing it runs in the organisation's own transaction: the caller is
 * an authenticated principal, so the organisation is known. `undefined` when the organisation has
 * no such live (unarchived) agent. call.started is published when the call's first event is
 * written, as for every call.
 */
export async function routeTestCall(
  database: SwitchboardDatabase,
  request: TestCallRequest,
): Promise<RoutedTestCall | undefined> {
  if (!UUID.test(request.agentId)) return undefined;
  return database.forOrganization(request.orgId, async (trx) => {
    const agent = await trx
      .selectFrom('agents')
      .select(['id', 'current_version', 'name'])
      .where('org_id', '=', request.orgId)
      .where('id', '=', request.agentId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (agent === undefined) return undefined;
    const callId = randomUUID();
    const carrierCallId = request.carrierCallId ?? `browser-${randomUUID()}`;
    const now = new Date();
    await trx
      .insertInto('calls')
      .values({
        id: callId,
        org_id: request.orgId,
        direction: 'inbound',
        status: 'in-progress',
        from_number: request.from,
        to_number: agent.name,
        carrier: 'browser',
        carrier_call_id: carrierCallId,
        agent_id: agent.id,
        agent_version: agent.current_version,
        agent_name: agent.name,
        routed_by: 'api',
        variables: JSON.stringify(request.variables ?? {}),
        created_at: now,
        updated_at: now,
        total_cost: 0,
      })
      .execute();
    return {
      callId,
      agentName: agent.name,
      agentVersion: agent.current_version,
      carrierCallId,
      to: agent.name,
    };
  });
}

/**
 * Closes the record of a test call that was routed but never started (the runtime refused it, or
 * the browser left while it was being set up), so it does not stay in progress forever. Does
 * nothing to a call that has ended already.
 */
export async function closeUnstartedTestCall(
  database: SwitchboardDatabase,
  call: { readonly orgId: string; readonly callId: string; readonly reason: string },
): Promise<void> {
  const now = new Date();
  await database.forOrganization(call.orgId, (trx) =>
    trx
      .updateTable('calls')
      .set({
        status: 'failed',
        disposition: 'failed',
        end_reason: call.reason,
        ended_at: now,
        duration_ms: 0,
        updated_at: now,
      })
      .where('id', '=', call.callId)
      .where('ended_at', 'is', null)
      .execute(),
  );
}
