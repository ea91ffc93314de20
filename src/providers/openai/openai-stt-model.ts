import type { AudioFormat } from '../../audio/audio-frame.js';
import { createStreamLogger, type ProviderLogBindings } from '../shared/stream-logger.js';
import type { SttModelV1, SttStreamOptions } from '../spec/stt-model-v1.js';
import { parseOpenAiStreamOptions, resolveOpenAiTimeoutMs } from './openai-model-options.js';
import { resolveOpenAiConnection, type OpenAiConnectionSettings } from './openai-settings.js';
import { openAiSttOptionsSchema } from './openai-stt-options.js';
import { OpenAiSttStream } from './openai-stt-stream.js';

/** What `write()` expects: 16 kHz PCM16, Whisper's native rate. */
export const OPENAI_STT_INPUT_FORMAT: AudioFormat = Object.freeze({
  encoding: 'linear16',
  sampleRate: 16000,
});

export interface OpenAiSttSettings extends OpenAiConnectionSettings {
  /** Defaults to `whisper-1`; self-hosted servers use their own ids. */
  readonly model?: string;
  /** Default language (BCP-47 or ISO-639-1); the stream's `language` option wins. */
  readonly language?: string;
  /** Per-request time limit; a hung server becomes an `error` part. Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Per-utterance transcription through `/audio/transcriptions` (OpenAI Whisper or a self-hosted
 * Whisper server). It has no endpointing of its own: the engine's VAD calls `finalize()` at the
 * end of each utterance, and each `finalize()` yields exactly one `transcript-final` (empty text
 * when the audio was under 100 ms or silent, so no request was made) or one `error` part.
 */
export function createOpenAiStt(settings: OpenAiSttSettings = {}): SttModelV1 {
  const connection = resolveOpenAiConnection(settings);
  const modelId = settings.model?.trim() || 'whisper-1';
  const timeoutMs = resolveOpenAiTimeoutMs(settings.timeoutMs, 'STT');
  const logBindings: ProviderLogBindings = { provider: connection.providerName, component: 'stt' };
  const modelLogger = connection.logger.child(logBindings);
  return {
    specificationVersion: 'v1',
    provider: connection.providerName,
    modelId,
    capabilities: {
      streaming: false,
      interimResults: false,
      wordTimings: false,
      endpointing: false,
    },
    inputFormat: OPENAI_STT_INPUT_FORMAT,
    async stream(options: SttStreamOptions) {
      const providerOptions = parseOpenAiStreamOptions(
        openAiSttOptionsSchema,
        options.providerOptions,
      );
      return new OpenAiSttStream({
        connection,
        modelId,
        language: options.language ?? settings.language,
        timeoutMs,
        providerOptions,
        abortSignal: options.abortSignal,
        logger: createStreamLogger(options.logger, modelLogger, logBindings),
      });
    },
  };
}
