import {
  compareCallStatus,
  nextCallStatus,
  type CallStatus,
  type CallStatusUpdate,
} from './call-status.js';

/** What we know about one call after folding its status callbacks. */
export interface CallStatusRecord {
  readonly callSid: string;
  readonly accountSid: string | undefined;
  readonly status: CallStatus;
  /** Sequence number of the callback that settled `status`. */
  readonly sequenceNumber: number | undefined;
  readonly timestamp: string | undefined;
  readonly duration: number | undefined;
  readonly sipResponseCode: number | undefined;
  readonly answeredBy: string | undefined;
}

export interface CallStatusStore {
  /** Fold one callback in; `changed` is false for a late or duplicated one. */
  apply(update: CallStatusUpdate): { changed: boolean; record: CallStatusRecord };
  get(callSid: string): CallStatusRecord | undefined;
  delete(callSid: string): boolean;
  readonly size: number;
}

export interface CallStatusStoreOptions {
  /** Oldest calls are forgotten past this many (default 10 000). */
  readonly maxCalls?: number;
}

/**
 * In-memory call status store, until the database exists. Updates go through `nextCallStatus`,
 * so callbacks may arrive in any order or twice. Details (duration, SIP code…) come from the
 * callback that settled the status; a losing callback only fills details still unknown.
 */
export function createCallStatusStore(options: CallStatusStoreOptions = {}): CallStatusStore {
  const maxCalls = options.maxCalls ?? 10_000;
  const records = new Map<string, CallStatusRecord>();

  return {
    apply(update) {
      const current = records.get(update.callSid);
      const wins =
        current === undefined ||
        compareCallStatus(
          update.status,
          update.sequenceNumber,
          current.status,
          current.sequenceNumber,
        ) > 0;
      const merge = <T>(incoming: T | undefined, known: T | undefined): T | undefined =>
        incoming !== undefined && (wins || known === undefined) ? incoming : known;
      const record: CallStatusRecord = {
        callSid: update.callSid,
        accountSid: merge(update.accountSid, current?.accountSid),
        status: nextCallStatus(current?.status, update.status, {
          current: current?.sequenceNumber,
          incoming: update.sequenceNumber,
        }),
        sequenceNumber: wins ? update.sequenceNumber : current.sequenceNumber,
        timestamp: merge(update.timestamp, current?.timestamp),
        duration: merge(update.duration, current?.duration),
        sipResponseCode: merge(update.sipResponseCode, current?.sipResponseCode),
        answeredBy: merge(update.answeredBy, current?.answeredBy),
      };
      const changed =
        current === undefined ||
        (Object.keys(record) as (keyof CallStatusRecord)[]).some(
          (key) => record[key] !== current[key],
        );
      // Re-inserting keeps the Map in least-recently-updated order for eviction.
      records.delete(update.callSid);
      records.set(update.callSid, record);
      if (records.size > maxCalls) {
        const oldest = records.keys().next();
        if (!oldest.done) records.delete(oldest.value);
      }
      return { changed, record };
    },
    get: (callSid) => records.get(callSid),
    delete: (callSid) => records.delete(callSid),
    get size() {
      return records.size;
    },
  };
}
