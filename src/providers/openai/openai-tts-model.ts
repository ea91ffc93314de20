import type { AudioFormat } from '../../audio/audio-frame.js';
import { createStreamLogger, type ProviderLogBindings } from '../shared/stream-logger.js';
import type { TtsModelV1, TtsStreamOptions } from '../spec/tts-model-v1.js';
import { parseOpenAiStreamOptions, resolveOpenAiTimeoutMs } from './openai-model-options.js';
import { resolveOpenAiConnection, type OpenAiConnectionSettings } from './openai-settings.js';
import { openAiTtsOptionsSchema } from './openai-tts-options.js';
import { OpenAiTtsStream } from './openai-tts-stream.js';

/** `response_format: "pcm"` is raw 24 kHz signed 16-bit little-endian mono. */
export const OPENAI_TTS_OUTPUT_FORMAT: AudioFormat = Object.freeze({
  encoding: 'linear16',
  sampleRate: 24000,
});

export interface OpenAiTtsSettings extends OpenAiConnectionSettings {
  /** Defaults to `tts-1`. */
  readonly model?: string;
  /** Defaults to `alloy`; the stream's `voice` option wins. */
  readonly voice?: string;
  /** Time allowed until a request's response headers arrive. Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Text-to-speech through `/audio/speech` (OpenAI or a compatible server such as Kokoro-FastAPI).
 * No streaming input: every `pushText` piece is one request. Up to two requests run at once, audio
 * is emitted strictly in push order as the response bodies arrive, cut on whole samples.
 */
export function createOpenAiTts(settings: OpenAiTtsSettings = {}): TtsModelV1 {
  const connection = resolveOpenAiConnection(settings);
  const modelId = settings.model?.trim() || 'tts-1';
  const defaultVoice = settings.voice?.trim() || 'alloy';
  const timeoutMs = resolveOpenAiTimeoutMs(settings.timeoutMs, 'TTS');
  const logBindings: ProviderLogBindings = { provider: connection.providerName, component: 'tts' };
  const modelLogger = connection.logger.child(logBindings);
  return {
    specificationVersion: 'v1',
    provider: connection.providerName,
    modelId,
    capabilities: { streamingInput: false, alignment: false },
    outputFormat: OPENAI_TTS_OUTPUT_FORMAT,
    async stream(options: TtsStreamOptions) {
      const providerOptions = parseOpenAiStreamOptions(
        openAiTtsOptionsSchema,
        options.providerOptions,
      );
      return new OpenAiTtsStream({
        connection,
        modelId,
        voice: options.voice?.trim() || defaultVoice,
        timeoutMs,
        providerOptions,
        abortSignal: options.abortSignal,
        logger: createStreamLogger(options.logger, modelLogger, logBindings),
      });
    },
  };
}
