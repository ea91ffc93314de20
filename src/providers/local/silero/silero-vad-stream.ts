import type { Logger } from '../../../logging/logger.js';
import type { VadStreamV1 } from '../../spec/vad-model-v1.js';

/** Floats per stream in Silero v5's recurrent state: 2 layers × 128. */
export const SILERO_STATE_SIZE = 256;
const STATE_HALF = SILERO_STATE_SIZE / 2;

/** One complete window waiting for inference: context followed by the window, scaled to ±1. */
export interface SileroWindow {
  readonly input: Float32Array;
  /** Stream sample offset just after the window's last sample. */
  readonly endSample: number;
  /** `reset()` was called before this window: start it from a zero state. */
  readonly resetBefore: boolean;
}

export interface SileroVadStreamSettings {
  readonly windowSamples: number;
  /** Samples of the previous window that Silero v5 expects in front of each window. */
  readonly contextSamples: number;
  readonly logger: Logger;
  /** Tells the model that this stream has a window queued. */
  readonly onWindowReady: (stream: SileroVadStream) => void;
}

/**
 * One call's view of the shared Silero network. It owns the recurrent state and the context
 * (about 3 KB in all); the model batches its windows with every other stream's.
 */
export class SileroVadStream implements VadStreamV1 {
  onProbability: ((probability: number, windowEndSample: number) => void) | undefined;

  readonly #settings: SileroVadStreamSettings;
  // The two layers' halves of the state, kept apart because they sit apart in a batch tensor.
  readonly #stateFirst = new Float32Array(STATE_HALF);
  readonly #stateSecond = new Float32Array(STATE_HALF);
  readonly #context: Float32Array;
  readonly #partial: Float32Array;
  #partialLength = 0;
  #samplesWritten = 0;
  #resetPending = false;
  #closed = false;
  #queue: SileroWindow[] = [];

  constructor(settings: SileroVadStreamSettings) {
    this.#settings = settings;
    this.#context = new Float32Array(settings.contextSamples);
    this.#partial = new Float32Array(settings.windowSamples);
  }

  write(samples: Int16Array): void {
    if (this.#closed) return;
    const windowSamples = this.#settings.windowSamples;
    for (let index = 0; index < samples.length; index += 1) {
      this.#partial[this.#partialLength] = (samples[index] ?? 0) / 32768;
      this.#partialLength += 1;
      if (this.#partialLength === windowSamples) {
        this.#samplesWritten += windowSamples;
        this.#queueWindow();
      }
    }
  }

  reset(): void {
    // Windows already queued keep the old state; the next one starts fresh.
    this.#context.fill(0);
    this.#resetPending = true;
  }

  close(): void {
    this.#closed = true;
    this.#queue = [];
    this.onProbability = undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get hasWindows(): boolean {
    return this.#queue.length > 0;
  }

  /** How many windows wait for inference; more than one means inference is behind this stream. */
  get queuedWindows(): number {
    return this.#queue.length;
  }

  /** The oldest queued window, still queued. */
  get nextWindow(): SileroWindow | undefined {
    return this.#queue[0];
  }

  /** The oldest queued window, removed from the queue. */
  takeWindow(): SileroWindow | undefined {
    return this.#queue.shift();
  }

  /** Copies this stream's state into batch slot `slot` of a [2, batchSize, 128] tensor. */
  writeState(target: Float32Array, slot: number, batchSize: number, window: SileroWindow): void {
    if (window.resetBefore) {
      this.#stateFirst.fill(0);
      this.#stateSecond.fill(0);
    }
    target.set(this.#stateFirst, slot * STATE_HALF);
    target.set(this.#stateSecond, (batchSize + slot) * STATE_HALF);
  }

  /** Takes slot `slot` of the network's new state as this stream's state. */
  readState(source: Float32Array, slot: number, batchSize: number): void {
    // Plain loops: a subarray view per half would be two allocations per window.
    const first = slot * STATE_HALF;
    const second = (batchSize + slot) * STATE_HALF;
    for (let index = 0; index < STATE_HALF; index += 1) {
      this.#stateFirst[index] = source[first + index] ?? 0;
      this.#stateSecond[index] = source[second + index] ?? 0;
    }
  }

  /** Hands a probability to the listener; a throwing listener is logged, not propagated. */
  deliver(probability: number, window: SileroWindow): void {
    if (this.#closed) return;
    try {
      this.onProbability?.(probability, window.endSample);
    } catch (error) {
      this.#settings.logger.error({ err: error }, 'VAD probability listener threw');
    }
  }

  #queueWindow(): void {
    const { windowSamples, contextSamples } = this.#settings;
    const input = new Float32Array(contextSamples + windowSamples);
    input.set(this.#context, 0);
    input.set(this.#partial, contextSamples);
    // The next window's context is the tail of this one; it is known now, before inference.
    this.#context.set(input.subarray(windowSamples));
    this.#partialLength = 0;
    this.#queue.push({
      input,
      endSample: this.#samplesWritten,
      resetBefore: this.#resetPending,
    });
    this.#resetPending = false;
    this.#settings.onWindowReady(this);
  }
}
