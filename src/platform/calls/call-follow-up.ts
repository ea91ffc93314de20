import type { TenantTransaction } from '../db/switchboard-database.js';

/** A final transcript line as written to the record. */
export interface RecordedTranscriptLine {
  readonly seq: number;
  readonly speaker: 'caller' | 'agent';
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly interrupted: boolean;
}

/**
 * What happens next when a call's record changes, run inside the transaction that changes it:
 * so a call cannot end without its notifications and analysis being queued, and a change that
 * rolls back queues nothing. The platform's post-call module implements it.
 */
export interface CallFollowUp {
  callStarted(trx: TenantTransaction, orgId: string, callId: string): Promise<void>;
  transcriptAdded(
    trx: TenantTransaction,
    orgId: string,
    callId: string,
    lines: readonly RecordedTranscriptLine[],
  ): Promise<void>;
  /** Runs once per call, in the transaction that first closes it. */
  callEnded(trx: TenantTransaction, orgId: string, callId: string): Promise<void>;
}
