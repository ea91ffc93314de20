import { access } from 'node:fs/promises';
import { ConfigError } from '../../../errors/config-error.js';
import { ProviderError } from '../../../errors/provider-error.js';
import { silentLogger, type Logger } from '../../../logging/logger.js';
import type { VadModelV1, VadStreamV1 } from '../../spec/vad-model-v1.js';
import { SileroBatchRunner } from './silero-batch-runner.js';
import {
  parseSileroVadOptions,
  resolveSileroModelPath,
  type SileroVadOptions,
} from './silero-vad-options.js';
import { SileroVadStream } from './silero-vad-stream.js';

/**
 * Loads Silero VAD v5 once; every call's stream shares the network, and the windows that are
 * ready at the same moment go through one batched inference. When inference falls behind, one
 * round trip to its thread runs every queued window of a stream (in rounds, carrying the state),
 * so streams catch up at once instead of one window per round trip. Works offline, needs no key.
 *
 * Inference runs in one worker thread per model, so the event loop stays free for audio; the
 * thread does not keep the process alive while idle, and `close()` ends it. If the thread dies,
 * the error is reported like a failed inference and a new one is started on the next batch.
 *
 * If an inference fails, the error is logged (rate-limited), passed to `onError`, and the
 * affected windows are delivered with probability 0, so consumers never stall.
 *
 * @example
 * const vad = await createSileroVad({ sampleRate: 8000, logger });
 * const stream = vad.createStream();
 * stream.onProbability = (probability, endSample) => turns.observe(probability, endSample);
 * stream.write(pcm8k);
 */
export async function createSileroVad(options: SileroVadOptions = {}): Promise<VadModelV1> {
  const settings = parseSileroVadOptions(options);
  const logger = options.logger ?? silentLogger;
  const modelPath = settings.modelPath ?? resolveSileroModelPath();
  try {
    await access(modelPath);
  } catch {
    throw new ConfigError('silero.modelPath', `cannot read the Silero model at ${modelPath}`);
  }
  const windowSamples = settings.sampleRate === 16000 ? 512 : 256;
  const contextSamples = settings.sampleRate === 16000 ? 64 : 32;
  const runner = new SileroBatchRunner({
    modelPath,
    sampleRate: settings.sampleRate,
    inputLength: contextSamples + windowSamples,
    maxBatch: settings.maxBatch,
    logger,
    onError: options.onError,
  });
  await runner.start();
  logger.debug({ modelPath, sampleRate: settings.sampleRate }, 'Silero VAD loaded');
  return new SileroVadModel({
    runner,
    sampleRate: settings.sampleRate,
    windowSamples,
    contextSamples,
    logger,
  });
}

interface SileroVadModelSettings {
  readonly runner: SileroBatchRunner;
  readonly sampleRate: number;
  readonly windowSamples: number;
  readonly contextSamples: number;
  readonly logger: Logger;
}

class SileroVadModel implements VadModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider = 'silero';
  readonly modelId = 'silero-vad-v5';
  readonly sampleRate: number;
  readonly windowSamples: number;
  readonly #settings: SileroVadModelSettings;
  #closing: Promise<void> | undefined;

  constructor(settings: SileroVadModelSettings) {
    this.#settings = settings;
    this.sampleRate = settings.sampleRate;
    this.windowSamples = settings.windowSamples;
  }

  createStream(): VadStreamV1 {
    if (this.#closing !== undefined) {
      throw new ProviderError('the Silero VAD model is closed', {
        provider: 'silero',
        code: 'model_closed',
        retryable: false,
      });
    }
    return new SileroVadStream({
      windowSamples: this.#settings.windowSamples,
      contextSamples: this.#settings.contextSamples,
      logger: this.#settings.logger,
      onWindowReady: (stream) => {
        // A stream outliving its model must not pile up windows nobody will run.
        if (this.#closing === undefined) this.#settings.runner.markReady(stream);
        else stream.close();
      },
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#settings.runner.stop();
    return this.#closing;
  }
}
