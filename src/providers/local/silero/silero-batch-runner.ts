import { ProviderError } from '../../../errors/provider-error.js';
import type { SwitchboardError } from '../../../errors/switchboard-error.js';
import type { Logger } from '../../../logging/logger.js';
import type { SileroVadStream, SileroWindow } from './silero-vad-stream.js';
import { SileroWorker, type SileroRunResult } from './silero-worker.js';

/** How long the first ready window waits for others to join its batch, unless inference is behind. */
const BATCH_GATHER_MS = 8;

/**
 * Most windows of one stream in one request: 512 ms of audio at 8 kHz, so a stream that fell
 * behind catches up in one round trip instead of one window per round trip.
 */
const MAX_WINDOWS_PER_STREAM = 16;

/** Most windows in one request when maxBatch is large: keeps the shared memory a few MB. */
const MAX_WINDOWS_PER_REQUEST = 2048;

/** Failures are logged at most this often; a broken model would otherwise log 30 lines a second. */
const ERROR_LOG_INTERVAL_MS = 10_000;

export interface SileroBatchRunnerSettings {
  readonly modelPath: string;
  readonly sampleRate: number;
  /** Floats per window input: context plus window. */
  readonly inputLength: number;
  readonly maxBatch: number;
  readonly logger: Logger;
  readonly onError: ((error: SwitchboardError) => void) | undefined;
}

interface RequestEntry {
  readonly stream: SileroVadStream;
  /** Oldest first; each window after the first continues from the state the one before leaves. */
  readonly windows: [SileroWindow, ...SileroWindow[]];
}

/**
 * Sends one request at a time to the worker thread, holding the queued windows of every ready
 * stream (up to `maxBatch` streams, up to 16 windows each). A stream's next window needs the
 * state its current one yields, so the worker runs a request in rounds: the first window of every
 * stream in one batched inference, then the second window of those that have one, and so on.
 * One round trip therefore drains a backlog, however many windows deep, instead of one window.
 * Streams, windows and states stay here; the worker only sees them for the length of a request.
 */
export class SileroBatchRunner {
  readonly #settings: SileroBatchRunnerSettings;
  readonly #ready = new Set<SileroVadStream>();
  readonly #worker: SileroWorker;
  readonly #maxWindows: number;
  #scheduled = false;
  #busy = false;
  #running: Promise<void> | undefined;
  #stopped = false;
  #lastErrorLogMs = Number.NEGATIVE_INFINITY;
  #suppressedErrors = 0;

  constructor(settings: SileroBatchRunnerSettings) {
    this.#settings = settings;
    const deepest = settings.maxBatch * MAX_WINDOWS_PER_STREAM;
    this.#maxWindows = Math.max(settings.maxBatch, Math.min(deepest, MAX_WINDOWS_PER_REQUEST));
    this.#worker = new SileroWorker({
      modelPath: settings.modelPath,
      sampleRate: settings.sampleRate,
      inputLength: settings.inputLength,
      maxBatch: settings.maxBatch,
      maxWindows: this.#maxWindows,
      onIdleExit: (error) =>
        this.#report(error, 0, 'Silero VAD worker stopped; it restarts on the next batch'),
    });
  }

  /** Starts the worker thread and loads the model; rejects with `model_load_failed`. */
  async start(): Promise<void> {
    try {
      await this.#worker.start();
    } catch (error) {
      await this.#worker.close();
      throw error;
    }
  }

  /** A stream queued a window: make sure a run is coming. */
  markReady(stream: SileroVadStream): void {
    if (this.#stopped) return;
    this.#ready.add(stream);
    this.#schedule();
  }

  /** Drops queued work, waits for the run in flight, if any, and ends the worker thread. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#ready.clear();
    await this.#running;
    await this.#worker.close();
  }

  #schedule(): void {
    if (this.#scheduled || this.#busy || this.#stopped) return;
    this.#scheduled = true;
    // Waiting a few ms lets the windows of many calls (whose frames arrive spread over 20 ms)
    // share one inference: a handful of large batches costs far less than many small ones, and the
    // delay is invisible to turn-taking, whose timers count from the audio's arrival time. A
    // stream with two windows queued means inference is behind: waiting would only add to it.
    const runNow = this.#ready.size >= this.#settings.maxBatch || this.#isBehind();
    const delayMs = runNow ? 0 : BATCH_GATHER_MS;
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#stopped) return;
      // Set before the run starts: its listeners may write and must not start a second run.
      this.#busy = true;
      this.#running = this.#runRequest()
        .catch((error: unknown) => this.#reportFailure(error, 0))
        .finally(() => {
          this.#busy = false;
          this.#running = undefined;
          if (this.#ready.size > 0) this.#schedule();
        });
    }, delayMs);
  }

  #isBehind(): boolean {
    for (const stream of this.#ready) if (stream.queuedWindows > 1) return true;
    return false;
  }

  /** The request's entries, longest backlog first, so that round r is the first rounds[r]. */
  #takeRequest(): RequestEntry[] {
    const entries: RequestEntry[] = [];
    for (const stream of this.#ready) {
      if (entries.length >= this.#settings.maxBatch) break;
      this.#ready.delete(stream);
      const window = stream.closed ? undefined : stream.takeWindow();
      if (window !== undefined) entries.push({ stream, windows: [window] });
    }
    // Deeper windows are added round by round, so that a full request is shared fairly.
    let windows = entries.length;
    for (let round = 1; round < MAX_WINDOWS_PER_STREAM; round += 1) {
      const before = windows;
      for (const { stream, windows: taken } of entries) {
        if (windows >= this.#maxWindows) break;
        if (taken.length !== round) continue;
        const next = stream.nextWindow;
        // A window after reset() starts from a zero state; it opens the stream's next request.
        if (next === undefined || next.resetBefore) continue;
        stream.takeWindow();
        taken.push(next);
        windows += 1;
      }
      if (windows === before) break;
    }
    // Re-added after the loop so that a stream is not visited twice in one request.
    for (const { stream } of entries) if (stream.hasWindows) this.#ready.add(stream);
    // Stable: streams equally far behind keep their turn order.
    return entries.sort((first, second) => second.windows.length - first.windows.length);
  }

  async #runRequest(): Promise<void> {
    const entries = this.#takeRequest();
    if (entries.length === 0) return;
    const rounds = roundsOf(entries);
    const windowCount = entries.reduce((sum, entry) => sum + entry.windows.length, 0);
    const size = entries.length;
    const { inputLength } = this.#settings;
    let result: SileroRunResult;
    try {
      result = await this.#worker.run(rounds, (input, state) => {
        let row = 0;
        rounds.forEach((count, round) => {
          for (let slot = 0; slot < count; slot += 1) {
            const window = entries[slot]?.windows[round];
            if (window !== undefined) input.set(window.input, (row + slot) * inputLength);
          }
          row += count;
        });
        entries.forEach(({ stream, windows }, slot) =>
          stream.writeState(state, slot, size, windows[0]),
        );
      });
    } catch (error) {
      this.#reportFailure(error, windowCount);
      if (this.#stopped) return;
      // Silence keeps each stream's sample clock moving and fails safe for turn-taking.
      for (const { stream, windows } of entries) {
        for (const window of windows) stream.deliver(0, window);
      }
      return;
    }
    if (this.#stopped) return;
    const { probabilities, state } = result;
    entries.forEach(({ stream, windows }, slot) => {
      if (stream.closed) return;
      stream.readState(state, slot, size);
      // Round r's row of this slot: the rows of the rounds before it, plus the slot.
      let row = slot;
      windows.forEach((window, round) => {
        stream.deliver(probabilities[row] ?? 0, window);
        row += rounds[round] ?? 0;
      });
    });
  }

  #reportFailure(cause: unknown, windows: number): void {
    const error = new ProviderError('Silero VAD inference failed', {
      provider: 'silero',
      code: 'vad_inference_failed',
      retryable: true,
      cause,
    });
    this.#report(error, windows, 'Silero VAD inference failed; windows reported as silence');
  }

  #report(error: ProviderError, windows: number, logMessage: string): void {
    const now = Date.now();
    if (now - this.#lastErrorLogMs >= ERROR_LOG_INTERVAL_MS) {
      this.#settings.logger.error(
        { err: error.cause ?? error, windows, suppressedSinceLastLog: this.#suppressedErrors },
        logMessage,
      );
      this.#lastErrorLogMs = now;
      this.#suppressedErrors = 0;
    } else {
      this.#suppressedErrors += 1;
    }
    try {
      this.#settings.onError?.(error);
    } catch (listenerError) {
      this.#settings.logger.error({ err: listenerError }, 'VAD error listener threw');
    }
  }
}

/** How many entries have an (r+1)-th window, for each round r; entries are longest first. */
function roundsOf(entries: readonly RequestEntry[]): number[] {
  const rounds: number[] = [];
  for (const { windows } of entries) {
    for (let round = 0; round < windows.length; round += 1)
      rounds[round] = (rounds[round] ?? 0) + 1;
  }
  return rounds;
}
