/**
 * Twilio's call status lifecycle. Status callbacks are separate HTTP requests and can arrive late,
 * twice or out of order; `nextCallStatus` folds them so the result never depends on that.
 */

export const CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;

export type CallStatus = (typeof CALL_STATUSES)[number];

export type TerminalCallStatus = 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';

/** Lifecycle position: queued < initiated < ringing < in-progress < any terminal status. */
const LIFECYCLE_RANK: Readonly<Record<CallStatus, number>> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  failed: 4,
  'no-answer': 4,
  canceled: 4,
};

/**
 * Tie-break between two different terminal statuses when sequence numbers cannot decide (Twilio
 * sends one terminal status per call, so this only settles corrupt input deterministically).
 * `completed` proves the call was answered, so it is the strongest.
 */
const TERMINAL_PRECEDENCE: Readonly<Record<TerminalCallStatus, number>> = {
  completed: 4,
  failed: 3,
  busy: 2,
  'no-answer': 1,
  canceled: 0,
};

export function isCallStatus(value: unknown): value is CallStatus {
  return typeof value === 'string' && (CALL_STATUSES as readonly string[]).includes(value);
}

export function isTerminalCallStatus(status: CallStatus): status is TerminalCallStatus {
  return LIFECYCLE_RANK[status] === LIFECYCLE_RANK.completed;
}

/** Callback `SequenceNumber`s of the status we hold and of the one that just arrived. */
export interface CallStatusSequence {
  readonly current?: number;
  readonly incoming?: number;
}

/**
 * The status a call is in after `incoming` arrives while it is in `current` (undefined: nothing
 * known yet). A status never moves back in the lifecycle and a terminal status never leaves the
 * terminal set. Only two terminal statuses compare sequence numbers (higher wins, a missing one
 * loses), then a fixed precedence. The result is the maximum of a total order, so folding any permutation of
 * the same updates, with duplicates, gives the same status.
 */
export function nextCallStatus(
  current: CallStatus | undefined,
  incoming: CallStatus,
  sequence: CallStatusSequence = {},
): CallStatus {
  if (current === undefined || current === incoming) return incoming;
  return compareCallStatus(incoming, sequence.incoming, current, sequence.current) > 0
    ? incoming
    : current;
}

/**
 * Order two (status, sequence number) pairs: positive when `a` is later than `b`. Exported so a
 * store can decide which update's details (duration, SIP code) belong to the settled status.
 */
export function compareCallStatus(
  a: CallStatus,
  aSequence: number | undefined,
  b: CallStatus,
  bSequence: number | undefined,
): number {
  const byRank = LIFECYCLE_RANK[a] - LIFECYCLE_RANK[b];
  // Non-terminal ranks are unique, so equal ranks below terminal mean the same status.
  if (byRank !== 0 || !isTerminalCallStatus(a) || !isTerminalCallStatus(b)) return byRank;
  // Lexicographic (sequence number, precedence) keeps this a total order: an update without a
  // sequence number sorts below one with it.
  const bySequence = (aSequence ?? -1) - (bSequence ?? -1);
  if (bySequence !== 0) return bySequence;
  return TERMINAL_PRECEDENCE[a] - TERMINAL_PRECEDENCE[b];
}

/** One status callback, parsed. Field names follow our style; values are as Twilio sent them. */
export interface CallStatusUpdate {
  readonly callSid: string;
  readonly accountSid?: string;
  readonly status: CallStatus;
  /** `SequenceNumber`, from 0; orders callbacks of one call. */
  readonly sequenceNumber?: number;
  /** `Timestamp`, RFC 2822, as sent. */
  readonly timestamp?: string;
  /** `CallDuration` in seconds (terminal callbacks only). */
  readonly duration?: number;
  readonly sipResponseCode?: number;
  /** `AnsweredBy` from answering-machine detection: `human`, `machine_start`, … */
  readonly answeredBy?: string;
}
