import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ProviderError } from '../../../errors/provider-error.js';
import { SILERO_STATE_SIZE } from './silero-vad-stream.js';
import { sileroWorkerSource } from './silero-worker-source.js';

/** After a failed start, batches fail at once for this long instead of each spawning a thread. */
const RESTART_DELAY_MS = 1_000;
/** A thread asked to close that has not ended by then is stopped (it is idle, so that is safe). */
const CLOSE_TIMEOUT_MS = 5_000;

export interface SileroWorkerSettings {
  readonly modelPath: string;
  readonly sampleRate: number;
  /** Floats per window input: context plus window. */
  readonly inputLength: number;
  /** Most streams in one request. */
  readonly maxBatch: number;
  /** Most windows in one request, over all its rounds; at least `maxBatch`. */
  readonly maxWindows: number;
  /** The thread ended while no batch was waiting on it; the next batch starts a new one. */
  readonly onIdleExit: (error: ProviderError) => void;
}

export interface SileroRunResult {
  /** One speech probability per window, in the order of the input rows (round after round). */
  readonly probabilities: Float32Array;
  /**
   * Each stream's state after its last window, [2, streams, 128]. Like `probabilities`, valid
   * until the next `run`, which reuses the memory.
   */
  readonly state: Float32Array;
}

type WorkerAnswer =
  | { type: 'ready' }
  | { type: 'loadFailed'; message: string }
  | { type: 'result'; id: number }
  | { type: 'failed'; id: number; message: string };

interface PendingRun {
  readonly id: number;
  readonly streams: number;
  readonly windows: number;
  readonly resolve: (result: SileroRunResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Views of the memory shared with the thread; see silero-worker-source.ts for the layout. */
interface BatchArea {
  readonly shared: SharedArrayBuffer;
  readonly input: Float32Array;
  readonly state: Float32Array;
  readonly probabilities: Float32Array;
}

/**
 * One worker thread holding one ONNX session of Silero. onnxruntime-node runs a session
 * synchronously on the calling thread, so on the main thread every batch would stall all calls'
 * audio for milliseconds. Requests cross in memory shared with the thread (measured: about a
 * third less main-thread time per batch than transferring buffers, and a small fraction of
 * copying them); the messages only say "run" and "done". A request can hold several windows of a
 * stream: the thread runs them in rounds, one batched inference per round, so a stream that fell
 * behind catches up in one round trip. A thread that dies is replaced on the next `run`.
 *
 * The thread is never terminated while a run may be in progress: onnxruntime-node aborts the
 * whole process when its thread is stopped inside a native run.
 */
export class SileroWorker {
  readonly #settings: SileroWorkerSettings;
  #thread: Worker | undefined;
  #starting: Promise<Worker> | undefined;
  #pending: PendingRun | undefined;
  readonly #area: BatchArea;
  #nextId = 1;
  #closing: Promise<void> | undefined;
  #retryAfterMs = Number.NEGATIVE_INFINITY;
  #startError: ProviderError | undefined;

  constructor(settings: SileroWorkerSettings) {
    this.#settings = settings;
    this.#area = createBatchArea(settings.maxBatch, settings.maxWindows, settings.inputLength);
  }

  /** Starts the thread and loads the model; rejects with `model_load_failed` if it cannot. */
  async start(): Promise<void> {
    await this.#ensureThread();
  }

  /**
   * Runs one request. `rounds[r]` is how many streams have an (r+1)-th window: it starts with the
   * number of streams and never increases, because streams come longest backlog first. `fill`
   * writes the inputs ([windows, inputLength], round 0's rows first, round r's row of slot s at
   * the sum of the earlier rounds plus s) and each stream's state ([2, streams, 128]).
   */
  async run(
    rounds: readonly number[],
    fill: (input: Float32Array, state: Float32Array) => void,
  ): Promise<SileroRunResult> {
    const streams = rounds[0] ?? 0;
    const windows = rounds.reduce((sum, count) => sum + count, 0);
    if (streams < 1 || streams > this.#settings.maxBatch || windows > this.#settings.maxWindows) {
      throw new Error('a Silero request does not fit maxBatch and maxWindows');
    }
    const thread = await this.#ensureThread();
    const { input, state } = this.#area;
    const inputLength = this.#settings.inputLength;
    fill(input.subarray(0, windows * inputLength), state.subarray(0, streams * SILERO_STATE_SIZE));
    const id = this.#nextId++;
    return new Promise<SileroRunResult>((resolve, reject) => {
      this.#pending = { id, streams, windows, resolve, reject };
      // Referenced while a request is out, so a script awaiting its probabilities does not exit.
      thread.ref();
      thread.postMessage({ type: 'run', id, rounds });
    });
  }

  /** Lets the thread finish (no run may be in flight), releases the session and ends it. */
  close(): Promise<void> {
    this.#closing ??= this.#closeThread();
    return this.#closing;
  }

  #ensureThread(): Promise<Worker> {
    if (this.#closing !== undefined) {
      return Promise.reject(
        new ProviderError('the Silero VAD model is closed', {
          provider: 'silero',
          code: 'model_closed',
          retryable: false,
        }),
      );
    }
    if (this.#thread !== undefined) return Promise.resolve(this.#thread);
    if (this.#startError !== undefined && Date.now() < this.#retryAfterMs) {
      return Promise.reject(this.#startError);
    }
    this.#starting ??= this.#launch().then(
      (thread) => {
        this.#starting = undefined;
        this.#startError = undefined;
        return thread;
      },
      (cause: unknown) => {
        this.#starting = undefined;
        this.#retryAfterMs = Date.now() + RESTART_DELAY_MS;
        this.#startError = new ProviderError('could not load the Silero VAD model', {
          provider: 'silero',
          code: 'model_load_failed',
          retryable: false,
          cause,
        });
        throw this.#startError;
      },
    );
    return this.#starting;
  }

  #launch(): Promise<Worker> {
    const { modelPath, sampleRate, inputLength, maxBatch, maxWindows } = this.#settings;
    return new Promise<Worker>((resolve, reject) => {
      const onnxruntimePath = createRequire(import.meta.url).resolve('onnxruntime-node');
      const thread = new Worker(sileroWorkerSource, {
        eval: true,
        workerData: {
          onnxruntimePath,
          modelPath,
          sampleRate,
          inputLength,
          maxBatch,
          maxWindows,
          shared: this.#area.shared,
        },
        // The worker is plain CommonJS: the parent's loaders (tsx, vitest) would only slow it.
        execArgv: [],
      });
      let ready = false;
      thread.on('message', (answer: WorkerAnswer) => {
        if (ready) this.#onAnswer(answer);
        else if (answer.type === 'ready') {
          ready = true;
          this.#thread = thread;
          thread.unref();
          resolve(thread);
        } else if (answer.type === 'loadFailed') reject(new Error(answer.message));
      });
      const onGone = (cause: Error): void => {
        if (ready) this.#onGone(thread, cause);
        else reject(cause);
      };
      thread.on('error', onGone);
      thread.on('exit', (code) =>
        onGone(new Error(`the Silero VAD worker exited with code ${code}`)),
      );
    });
  }

  #onAnswer(answer: WorkerAnswer): void {
    if (answer.type !== 'result' && answer.type !== 'failed') return;
    const pending = this.#pending;
    if (pending?.id !== answer.id) return;
    this.#pending = undefined;
    this.#thread?.unref();
    if (answer.type === 'failed') {
      pending.reject(new Error(answer.message));
      return;
    }
    pending.resolve({
      probabilities: this.#area.probabilities.subarray(0, pending.windows),
      state: this.#area.state.subarray(0, pending.streams * SILERO_STATE_SIZE),
    });
  }

  #onGone(thread: Worker, cause: Error): void {
    if (this.#thread !== thread) return;
    this.#thread = undefined;
    const error = new ProviderError('the Silero VAD worker stopped', {
      provider: 'silero',
      code: 'vad_worker_stopped',
      retryable: true,
      cause,
    });
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined) pending.reject(error);
    else if (this.#closing === undefined) this.#settings.onIdleExit(error);
  }

  async #closeThread(): Promise<void> {
    await this.#starting?.catch(() => undefined);
    const thread = this.#thread;
    if (thread === undefined) return;
    thread.ref();
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage({ type: 'close' });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), CLOSE_TIMEOUT_MS);
    });
    if (await Promise.race([exited.then(() => false), timedOut])) await thread.terminate();
    clearTimeout(timer);
  }
}

function createBatchArea(maxBatch: number, maxWindows: number, inputLength: number): BatchArea {
  const inputFloats = maxWindows * inputLength;
  const stateFloats = maxBatch * SILERO_STATE_SIZE;
  const bytes = Float32Array.BYTES_PER_ELEMENT;
  const shared = new SharedArrayBuffer((inputFloats + stateFloats + maxWindows) * bytes);
  return {
    shared,
    input: new Float32Array(shared, 0, inputFloats),
    state: new Float32Array(shared, inputFloats * bytes, stateFloats),
    probabilities: new Float32Array(shared, (inputFloats + stateFloats) * bytes, maxWindows),
  };
}
