import type { TenantTransaction } from '../db/switchboard-database.js';
import { getCallDetail } from '../calls/call-queries.js';

/** An appointment as events and emails describe it. */
export interface AppointmentPayload {
  readonly id: string;
  readonly customerId: string;
  readonly vehicleId: string | null;
  readonly serviceType: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly status: string;
  readonly callId: string | null;
}

/** The appointments a call booked (or that were booked during it and changed since). */
export async function appointmentsOfCall(
  trx: TenantTransaction,
  callId: string,
): Promise<AppointmentPayload[]> {
  const rows = await trx
    .selectFrom('appointments')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    vehicleId: row.vehicle_id,
    serviceType: row.service_type,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    callId: row.call_id,
  }));
}

/** `call.started`: who called whom, which agent answered, with which variables. */
export async function callStartedPayload(
  trx: TenantTransaction,
  callId: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await trx
    .selectFrom('calls')
    .select([
      'id',
      'direction',
      'from_number',
      'to_number',
      'carrier',
      'agent_id',
      'agent_name',
      'agent_version',
      'variables',
      'created_at',
      'answered_at',
    ])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    call: {
      id: row.id,
      direction: row.direction,
      from: row.from_number,
      to: row.to_number,
      carrier: row.carrier,
      agentId: row.agent_id,
      agentName: row.agent_name,
      agentVersion: row.agent_version,
      variables: row.variables,
      createdAt: row.created_at.toISOString(),
      answeredAt: row.answered_at?.toISOString() ?? null,
    },
  };
}

const ANALYSIS_KEYS = new Set(['analysis', 'analysisStatus', 'analyzedAt']);

/**
 * `call.ended`: the whole record (status, times, transcript, tool calls, turn metrics, usage and
 * cost, recording, appointments) but not the analysis, which has its own event.
 */
export async function callEndedPayload(
  trx: TenantTransaction,
  callId: string,
): Promise<Record<string, unknown> | undefined> {
  const detail = await getCallDetail(trx, callId);
  if (detail === undefined) return undefined;
  const call = Object.fromEntries(
    Object.entries(detail).filter(([key]) => !ANALYSIS_KEYS.has(key)),
  );
  return {
    call: {
      ...call,
      recordingUrl: detail.recording === null ? null : `/v1/calls/${callId}/recording`,
      appointments: await appointmentsOfCall(trx, callId),
    },
  };
}
