import { ProviderError } from '../../../errors/provider-error.js';
import type { SwitchboardError } from '../../../errors/switchboard-error.js';
import type { Logger } from '../../../logging/logger.js';
import type { SileroVadStream, SileroWindow } from './silero-vad-stream.js';
import { SileroWorker, type SileroRunResult } from './silero-worker.js';

/** How long the first ready window waits for others to join its batch. */
const BATCH_GATHER_MS = 8;

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

interface BatchEntry {
  readonly stream: SileroVadStream;
  readonly window: SileroWindow;
}

/**
 * Runs one inference at a time over the first queued window of every ready stream. A stream
 * contributes at most one window per run because its next window needs the state this one yields.
 * The inference itself runs in a worker thread; streams, windows and states stay here.
 */
export class SileroBatchRunner {
  readonly #settings: SileroBatchRunnerSettings;
  readonly #ready = new Set<SileroVadStream>();
  readonly #worker: SileroWorker;
  #scheduled = false;
  #busy = false;
  #running: Promise<void> | undefined;
  #stopped = false;
  #lastErrorLogMs = Number.NEGATIVE_INFINITY;
  #suppressedErrors = 0;

  constructor(settings: SileroBatchRunnerSettings) {
    this.#settings = settings;
    this.#worker = new SileroWorker({
      modelPath: settings.modelPath,
      sampleRate: settings.sampleRate,
      inputLength: settings.inputLength,
      maxBatch: settings.maxBatch,
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
    // delay is invisible to turn-taking, whose timers count from the audio's arrival time.
    const delayMs = this.#ready.size >= this.#settings.maxBatch ? 0 : BATCH_GATHER_MS;
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#stopped) return;
      // Set before the run starts: its listeners may write and must not start a second run.
      this.#busy = true;
      this.#running = this.#runBatch()
        .catch((error: unknown) => this.#reportFailure(error, 0))
        .finally(() => {
          this.#busy = false;
          this.#running = undefined;
          if (this.#ready.size > 0) this.#schedule();
        });
    }, delayMs);
  }

  #takeBatch(): BatchEntry[] {
    const batch: BatchEntry[] = [];
    for (const stream of this.#ready) {
      if (batch.length >= this.#settings.maxBatch) break;
      this.#ready.delete(stream);
      const window = stream.closed ? undefined : stream.takeWindow();
      if (window !== undefined) batch.push({ stream, window });
    }
    // Re-added after the loop so that a stream is not visited twice in one batch.
    for (const { stream } of batch) if (stream.hasWindows) this.#ready.add(stream);
    return batch;
  }

  async #runBatch(): Promise<void> {
    const batch = this.#takeBatch();
    if (batch.length === 0) return;
    const { inputLength } = this.#settings;
    const size = batch.length;
    let result: SileroRunResult;
    try {
      result = await this.#worker.run(size, (input, state) => {
        batch.forEach(({ stream, window }, slot) => {
          input.set(window.input, slot * inputLength);
          stream.writeState(state, slot, size, window);
        });
      });
    } catch (error) {
      this.#reportFailure(error, size);
      if (this.#stopped) return;
      // Silence keeps each stream's sample clock moving and fails safe for turn-taking.
      for (const { stream, window } of batch) stream.deliver(0, window);
      return;
    }
    if (this.#stopped) return;
    const { probabilities, state } = result;
    batch.forEach(({ stream, window }, slot) => {
      if (stream.closed) return;
      stream.readState(state, slot, size);
      stream.deliver(probabilities[slot] ?? 0, window);
    });
  }

  #reportFailure(cause: unknown, batchSize: number): void {
    const error = new ProviderError('Silero VAD inference failed', {
      provider: 'silero',
      code: 'vad_inference_failed',
      retryable: true,
      cause,
    });
    this.#report(error, batchSize, 'Silero VAD inference failed; windows reported as silence');
  }

  #report(error: ProviderError, batchSize: number, logMessage: string): void {
    const now = Date.now();
    if (now - this.#lastErrorLogMs >= ERROR_LOG_INTERVAL_MS) {
      this.#settings.logger.error(
        { err: error.cause ?? error, batchSize, suppressedSinceLastLog: this.#suppressedErrors },
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
