import type { CallDisposition, CallStatus } from '../db/database-schema.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { closeCall } from './apply-call-events.js';
import type { CallFollowUp } from './call-follow-up.js';

/** A status the carrier reported for one of its calls. */
export interface CarrierStatusReport {
  readonly carrier: string;
  readonly carrierCallId: string;
  readonly status: CallStatus;
  readonly durationSeconds?: number;
  /** Answering-machine detection said a machine answered. */
  readonly answeredByMachine?: boolean;
}

const TERMINAL: ReadonlySet<CallStatus> = new Set([
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
]);

function dispositionOf(report: CarrierStatusReport): CallDisposition {
  if (report.answeredByMachine === true) return 'voicemail';
  switch (report.status) {
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no-answer';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    default:
      return 'completed';
  }
}

/**
 * Applies a carrier status callback to the call row. While a call is unanswered the carrier is the
 * only witness, so its status is the record's (ringing, then busy / no-answer / canceled…). Once
 * a voice session answered, the session's own `call-ended` is the better account and the
 * carrier's word does not overwrite it. Carrier calls spans organisations: the callback says
 * only whose account it is, hence the system door.
 */
export async function applyCarrierStatus(
  database: SwitchboardDatabase,
  report: CarrierStatusReport,
  hasLiveSession: (callId: string) => boolean,
  followUp?: CallFollowUp,
): Promise<{ callId: string; orgId: string } | undefined> {
  return database.asSystem('call-records', async (db) => {
    const call = await db
      .selectFrom('calls')
      .select(['id', 'org_id', 'answered_at', 'ended_at', 'created_at'])
      .where('carrier', '=', report.carrier)
      .where('carrier_call_id', '=', report.carrierCallId)
      .executeTakeFirst();
    if (call === undefined || call.ended_at !== null)
      return call === undefined ? undefined : { callId: call.id, orgId: call.org_id };
    const found = { callId: call.id, orgId: call.org_id };
    if (!TERMINAL.has(report.status)) {
      if (call.answered_at === null) {
        await db
          .updateTable('calls')
          .set({ status: report.status, updated_at: new Date() })
          .where('id', '=', call.id)
          .execute();
      }
      return found;
    }
    if (call.answered_at !== null || hasLiveSession(call.id)) return found;
    await database.forOrganization(call.org_id, (trx) =>
      closeCall(
        trx,
        call.id,
        {
          reason: report.status === 'completed' ? 'caller-hangup' : report.status,
          at: Date.now(),
          durationMs: (report.durationSeconds ?? 0) * 1000,
          disposition: dispositionOf(report),
          status: report.status,
        },
        followUp === undefined ? undefined : { orgId: call.org_id, followUp },
      ),
    );
    return found;
  });
}
