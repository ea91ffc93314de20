import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { ProviderError } from '../../../errors/provider-error.js';
import type { SwitchboardError } from '../../../errors/switchboard-error.js';
import type { Logger } from '../../../logging/logger.js';
import { SILERO_STATE_SIZE, type SileroVadStream, type SileroWindow } from './silero-vad-stream.js';

/** Failures are logged at most this often; a broken model would otherwise log 30 lines a second. */
const ERROR_LOG_INTERVAL_MS = 10_000;

export interface SileroBatchRunnerSettings {
  readonly session: InferenceSession;
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
 */
export class SileroBatchRunner {
  readonly #settings: SileroBatchRunnerSettings;
  readonly #ready = new Set<SileroVadStream>();
  readonly #inputBuffer: Float32Array;
  readonly #stateBuffer: Float32Array;
  readonly #sampleRateTensor: Tensor;
  #scheduled = false;
  #busy = false;
  #running: Promise<void> | undefined;
  #stopped = false;
  #lastErrorLogMs = Number.NEGATIVE_INFINITY;
  #suppressedErrors = 0;

  constructor(settings: SileroBatchRunnerSettings) {
    this.#settings = settings;
    this.#inputBuffer = new Float32Array(settings.maxBatch * settings.inputLength);
    this.#stateBuffer = new Float32Array(settings.maxBatch * SILERO_STATE_SIZE);
    this.#sampleRateTensor = new Tensor('int64', BigInt64Array.of(BigInt(settings.sampleRate)), []);
  }

  /** A stream queued a window: make sure a run is coming. */
  markReady(stream: SileroVadStream): void {
    if (this.#stopped) return;
    this.#ready.add(stream);
    this.#schedule();
  }

  /** Drops queued work and waits for the run in flight, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#ready.clear();
    await this.#running;
  }

  #schedule(): void {
    if (this.#scheduled || this.#busy || this.#stopped) return;
    this.#scheduled = true;
    // setImmediate lets the other calls' audio of this event-loop turn join the same batch.
    setImmediate(() => {
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
    });
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
    const { inputLength, session } = this.#settings;
    const size = batch.length;
    const input = this.#inputBuffer.subarray(0, size * inputLength);
    const state = this.#stateBuffer.subarray(0, size * SILERO_STATE_SIZE);
    batch.forEach(({ stream, window }, slot) => {
      input.set(window.input, slot * inputLength);
      stream.writeState(state, slot, size, window);
    });
    let probabilities: Float32Array;
    let nextState: Float32Array;
    try {
      const result = await session.run({
        input: new Tensor('float32', input, [size, inputLength]),
        state: new Tensor('float32', state, [2, size, SILERO_STATE_SIZE / 2]),
        sr: this.#sampleRateTensor,
      });
      probabilities = floatData(result['output']);
      nextState = floatData(result['stateN']);
      if (probabilities.length < size || nextState.length < size * SILERO_STATE_SIZE) {
        throw new Error('Silero output has fewer rows than the batch');
      }
    } catch (error) {
      this.#reportFailure(error, size);
      if (this.#stopped) return;
      // Silence keeps each stream's sample clock moving and fails safe for turn-taking.
      for (const { stream, window } of batch) stream.deliver(0, window);
      return;
    }
    if (this.#stopped) return;
    batch.forEach(({ stream, window }, slot) => {
      if (stream.closed) return;
      stream.readState(nextState, slot, size);
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
    const now = Date.now();
    if (now - this.#lastErrorLogMs >= ERROR_LOG_INTERVAL_MS) {
      this.#settings.logger.error(
        { err: cause, batchSize, suppressedSinceLastLog: this.#suppressedErrors },
        'Silero VAD inference failed; windows reported as silence',
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

function floatData(tensor: Tensor | undefined): Float32Array {
  const data = tensor?.data;
  if (!(data instanceof Float32Array)) throw new Error('Silero output is not float32');
  return data;
}
