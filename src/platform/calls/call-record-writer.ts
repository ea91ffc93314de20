import { rm } from 'node:fs/promises';
import type { CallEvent } from '../../engine/call-events.js';
import type { CallLegV1 } from '../../engine/call-leg.js';
import type { AudioTap } from '../../engine/voice-session-options.js';
import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createStereoCallRecorder, type StereoCallRecorder } from '../recording/index.js';
import type { RecordingStorage } from '../storage/index.js';
import { applyCallEvents } from './apply-call-events.js';
import { CallJournal, type CallJournalHeader } from './call-journal.js';
import { recordingKey, spoolPaths } from './spool-paths.js';

export interface CallRecordWriterOptions {
  readonly database: SwitchboardDatabase;
  readonly storage: RecordingStorage;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Record both sides of every call (default true). */
  readonly recordAudio?: boolean;
  /** Debounce of ordinary writes; `call-ended` is written at once. */
  readonly batchDelayMs?: number;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
}

interface CallState {
  readonly header: CallJournalHeader;
  readonly journal: CallJournal;
  readonly logger: Logger;
  readonly pending: CallEvent[];
  recorder: StereoCallRecorder | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  flushing: boolean;
  attempt: number;
  ended: boolean;
  recordingStored: boolean;
  readonly done: { promise: Promise<void>; resolve: () => void };
}

/**
 * Turns each call's events into its database rows without ever making the call wait: events go
 * to the call's journal on disk and to an in-memory batch; batches are written in the background
 * and, when the database is unreachable, kept and retried with backoff until it returns. After
 * the call ends, the recording is moved to storage and the spool files are removed; whatever is
 * still on disk when the process dies is picked up by start-up recovery.
 */
export class CallRecordWriter {
  readonly #options: CallRecordWriterOptions;
  readonly #calls = new Map<string, CallState>();

  constructor(options: CallRecordWriterOptions) {
    this.#options = options;
  }

  get openCalls(): number {
    return this.#calls.size;
  }

  /** Starts the journal of a routed call (its row already exists). */
  begin(header: Omit<CallJournalHeader, 'type' | 'version'>): void {
    if (this.#calls.has(header.callId)) return;
    const full: CallJournalHeader = { type: 'journal-header', version: 1, ...header };
    const logger = this.#options.logger.child({ callId: header.callId, orgId: header.orgId });
    const paths = spoolPaths(this.#options.dataDir, header.orgId, header.callId);
    const journal = CallJournal.open(paths.journal, full, (error) =>
      logger.error(
        { err: error },
        'call journal cannot be written; the record relies on the database alone',
      ),
    );
    let resolve!: () => void;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    this.#calls.set(header.callId, {
      header: full,
      journal,
      logger,
      pending: [],
      recorder: undefined,
      timer: undefined,
      flushing: false,
      attempt: 0,
      ended: false,
      recordingStored: false,
      done: { promise, resolve },
    });
  }

  /** The recording tap for a call's session (undefined when recording is off). */
  createAudioTap(callId: string, leg: CallLegV1): AudioTap | undefined {
    const state = this.#calls.get(callId);
    if (state === undefined || this.#options.recordAudio === false) return undefined;
    state.recorder = createStereoCallRecorder({
      path: spoolPaths(this.#options.dataDir, state.header.orgId, callId).recording,
      callerFormat: leg.inboundFormat,
      agentFormat: leg.outboundFormat,
      logger: state.logger,
    });
    return state.recorder;
  }

  /** Call-event listener: never throws, never waits. */
  readonly onEvent = (event: CallEvent): void => {
    const state = this.#calls.get(event.callId);
    if (state === undefined) return;
    if (event.type === 'transcript' && !event.final) return;
    state.journal.append(event);
    state.pending.push(event);
    if (event.type === 'call-ended') {
      state.ended = true;
      this.#schedule(state, 0);
    } else {
      this.#schedule(state, this.#options.batchDelayMs ?? 250);
    }
  };

  /** Resolves when the call's record is complete (rows, recording, spool cleaned up). */
  settled(callId: string): Promise<void> {
    return this.#calls.get(callId)?.done.promise ?? Promise.resolve();
  }

  /**
   * Waits up to `timeoutMs` for every open record to settle. What is still unwritten stays in
   * the spool for the next start-up.
   */
  async drain(timeoutMs: number): Promise<void> {
    for (const state of this.#calls.values()) this.#schedule(state, 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([...this.#calls.values()].map((state) => state.done.promise)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    for (const state of this.#calls.values()) {
      clearTimeout(state.timer);
      state.timer = undefined;
      await state.journal.close();
      if (state.recorder !== undefined) await state.recorder.flush().catch(() => undefined);
    }
  }

  #schedule(state: CallState, delayMs: number): void {
    if (state.timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(state.timer);
    }
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.#flush(state);
    }, delayMs);
  }

  async #flush(state: CallState): Promise<void> {
    if (state.flushing) return;
    state.flushing = true;
    const { orgId, callId } = state.header;
    const batch = state.pending.splice(0);
    try {
      if (batch.length > 0) {
        await this.#options.database.forOrganization(orgId, (trx) =>
          applyCallEvents(trx, orgId, callId, batch),
        );
      }
      if (state.ended && state.pending.length === 0) await this.#finish(state);
      if (state.attempt > 0)
        state.logger.info({ attempts: state.attempt }, 'call record written after retries');
      state.attempt = 0;
    } catch (error) {
      state.pending.unshift(...batch);
      state.attempt += 1;
      const delay = Math.min(
        (this.#options.retryInitialMs ?? 250) * 2 ** (state.attempt - 1),
        this.#options.retryMaxMs ?? 5_000,
      );
      if (state.attempt === 1 || state.attempt % 20 === 0) {
        state.logger.warn(
          { err: error, attempt: state.attempt, retryInMs: delay },
          'call record write failed; kept and retrying',
        );
      }
      state.flushing = false;
      this.#schedule(state, delay);
      return;
    }
    state.flushing = false;
    if (state.pending.length > 0) this.#schedule(state, 0);
  }

  /** After the last event is in the database: recording to storage, then the spool is cleared. */
  async #finish(state: CallState): Promise<void> {
    const { orgId, callId } = state.header;
    if (state.recorder !== undefined && !state.recordingStored) {
      const recording = await state.recorder.close().catch((error: unknown) => {
        state.logger.error({ err: error }, 'recording failed; the call record has no audio');
        return undefined;
      });
      if (recording !== undefined) {
        const key = recordingKey(orgId, callId);
        await this.#options.storage.put(key, recording.path, 'audio/wav');
        await this.#options.database.forOrganization(orgId, (trx) =>
          trx
            .updateTable('calls')
            .set({ recording_key: key, recording_duration_ms: Math.round(recording.durationMs) })
            .where('id', '=', callId)
            .execute(),
        );
      }
      state.recordingStored = true;
    }
    await state.journal.close();
    const paths = spoolPaths(this.#options.dataDir, orgId, callId);
    await rm(paths.journal, { force: true });
    await rm(paths.recording, { force: true });
    this.#calls.delete(callId);
    state.done.resolve();
  }
}
