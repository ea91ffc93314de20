import { rm } from 'node:fs/promises';
import type { CallEvent } from '../../engine/call-events.js';
import type { CallLegV1 } from '../../engine/call-leg.js';
import type { AudioTap } from '../../engine/voice-session-options.js';
import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createStereoCallRecorder, type StereoCallRecorder } from '../recording/index.js';
import type { RecordingStorage } from '../storage/index.js';
import { applyCallEvents } from './apply-call-events.js';
import type { CallFollowUp } from './call-follow-up.js';
import { CallJournal, type CallJournalHeader } from './call-journal.js';
import { recordingKey, spoolPaths } from './spool-paths.js';

export interface CallRecordWriterOptions {
  readonly database: SwitchboardDatabase;
  readonly storage: RecordingStorage;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Record both sides of every call (default true). */
  readonly recordAudio?: boolean;
  /** How often events are written (default 1 s); a call's end is written within `endDelayMs`. */
  readonly batchDelayMs?: number;
  /** Delay before writing a call's end, so ends arriving together share a transaction (default 50 ms). */
  readonly endDelayMs?: number;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** Notifications and analysis, queued in the transactions that write the record. */
  readonly followUp?: CallFollowUp;
}

interface CallState {
  readonly header: CallJournalHeader;
  readonly journal: CallJournal;
  readonly logger: Logger;
  readonly pending: CallEvent[];
  recorder: StereoCallRecorder | undefined;
  /** Set once the recording is in storage; written with the call's end. */
  recording: { key: string; durationMs: number } | undefined;
  ended: boolean;
  finishing: boolean;
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
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDueAt = Infinity;
  #flushing = false;
  /** Consecutive failed flushes: the retry delay grows with it. */
  #failures = 0;

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
      recording: undefined,
      ended: false,
      finishing: false,
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
      // A phone line is 8 kHz; a browser test call keeps its 16 kHz.
      sampleRate: Math.max(leg.inboundFormat.sampleRate, leg.outboundFormat.sampleRate),
      logger: state.logger,
    });
    return state.recorder;
  }

  /** Call-event listener: never throws, never waits. */
  readonly onEvent = (event: CallEvent): void => {
    const state = this.#calls.get(event.callId);
    if (state === undefined) return;
    // Partial words and turn states are live-only: the record keeps what was settled.
    if ((event.type === 'transcript' && !event.final) || event.type === 'turn-state') return;
    state.journal.append(event);
    if (event.type === 'call-ended') {
      // The recording goes to storage first, so the call's end and its recording are one write.
      // Only then is the call "ended" here: a flush in between must not finish it without its end.
      void this.#storeRecording(state).finally(() => {
        state.ended = true;
        state.pending.push(event);
        this.#schedule(this.#options.endDelayMs ?? 50);
      });
    } else {
      state.pending.push(event);
      this.#schedule(this.#options.batchDelayMs ?? 1000);
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
    this.#schedule(0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([...this.#calls.values()].map((state) => state.done.promise)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDueAt = Infinity;
    for (const state of this.#calls.values()) {
      await state.journal.close();
      if (state.recorder !== undefined) await state.recorder.flush().catch(() => undefined);
    }
  }

  /** Flushes within `delayMs`, or sooner if a flush is already due sooner. */
  #schedule(delayMs: number): void {
    const dueAt = Date.now() + delayMs;
    if (this.#timer !== undefined && this.#timerDueAt <= dueAt) return;
    clearTimeout(this.#timer);
    this.#timerDueAt = dueAt;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerDueAt = Infinity;
      void this.#flush();
    }, delayMs);
  }

  /** Writes every call's pending events, one transaction per organisation. */
  async #flush(): Promise<void> {
    if (this.#flushing) {
      this.#schedule(10);
      return;
    }
    this.#flushing = true;
    const byOrganization = new Map<string, CallState[]>();
    for (const state of this.#calls.values()) {
      if (state.pending.length === 0) continue;
      const group = byOrganization.get(state.header.orgId) ?? [];
      group.push(state);
      byOrganization.set(state.header.orgId, group);
    }
    let failed = false;
    for (const [orgId, states] of byOrganization) {
      const batches = states.map((state) => ({ state, events: state.pending.splice(0) }));
      try {
        await this.#options.database.forOrganization(orgId, (trx) =>
          applyCallEvents(
            trx,
            orgId,
            batches.map((batch) => ({
              callId: batch.state.header.callId,
              events: batch.events,
              ...(batch.state.recording !== undefined ? { recording: batch.state.recording } : {}),
            })),
            this.#options.followUp,
          ),
        );
      } catch (error) {
        failed = true;
        for (const batch of batches) batch.state.pending.unshift(...batch.events);
        if (this.#failures === 0 || this.#failures % 20 === 0) {
          this.#options.logger.warn(
            {
              err: error,
              orgId,
              calls: batches.map((batch) => batch.state.header.callId),
              attempt: this.#failures + 1,
            },
            'call record write failed; kept and retrying',
          );
        }
      }
    }
    this.#flushing = false;
    if (failed) {
      this.#failures += 1;
      this.#schedule(
        Math.min(
          (this.#options.retryInitialMs ?? 250) * 2 ** (this.#failures - 1),
          this.#options.retryMaxMs ?? 5_000,
        ),
      );
      return;
    }
    if (this.#failures > 0)
      this.#options.logger.info(
        { attempts: this.#failures + 1 },
        'call records written after retries',
      );
    this.#failures = 0;
    for (const state of this.#calls.values()) {
      if (state.ended && state.pending.length === 0 && !state.finishing)
        void this.#finishSafely(state);
      else if (state.pending.length > 0) this.#schedule(this.#options.batchDelayMs ?? 1000);
    }
  }

  async #finishSafely(state: CallState): Promise<void> {
    state.finishing = true;
    try {
      await this.#finish(state);
    } catch (error) {
      state.finishing = false;
      state.logger.warn({ err: error }, 'could not store the recording yet; retrying');
      this.#schedule(
        Math.min((this.#options.retryInitialMs ?? 250) * 4, this.#options.retryMaxMs ?? 5_000),
      );
    }
  }

  /** Closes the recorder and puts the file in storage; on failure, `#finish` tries again later. */
  async #storeRecording(state: CallState): Promise<void> {
    if (state.recorder === undefined || state.recordingStored) return;
    try {
      state.recording = await this.#putRecording(state.recorder, state);
    } catch (error) {
      state.logger.warn(
        { err: error },
        'could not store the recording yet; retrying after the record is written',
      );
    }
  }

  /**
   * Closes the recorder and puts the file in storage. Undefined when the recording itself failed
   * (logged; there is nothing to retry); throws when storage did, so the caller retries.
   */
  async #putRecording(
    recorder: StereoCallRecorder,
    state: CallState,
  ): Promise<{ key: string; durationMs: number } | undefined> {
    const recording = await recorder.close().catch((error: unknown) => {
      state.logger.error({ err: error }, 'recording failed; the call record has no audio');
      return undefined;
    });
    if (recording !== undefined) {
      const key = recordingKey(state.header.orgId, state.header.callId);
      await this.#options.storage.put(key, recording.path, 'audio/wav');
      state.recordingStored = true;
      return { key, durationMs: recording.durationMs };
    }
    state.recordingStored = true;
    return undefined;
  }

  /** After the call's end is in the database: a late recording is attached, then the spool is cleared. */
  async #finish(state: CallState): Promise<void> {
    const { orgId, callId } = state.header;
    if (state.recorder !== undefined && !state.recordingStored) {
      const recording = await this.#putRecording(state.recorder, state);
      if (recording !== undefined) {
        await this.#options.database.forOrganization(orgId, (trx) =>
          trx
            .updateTable('calls')
            .set({
              recording_key: recording.key,
              recording_duration_ms: Math.round(recording.durationMs),
            })
            .where('id', '=', callId)
            .execute(),
        );
      }
    }
    await state.journal.close();
    const paths = spoolPaths(this.#options.dataDir, orgId, callId);
    await rm(paths.journal, { force: true });
    await rm(paths.recording, { force: true });
    this.#calls.delete(callId);
    state.done.resolve();
  }
}
