import { MULAW_8K } from '../../audio/audio-frame.js';
import { ConfigError } from '../../errors/config-error.js';
import { parseProviderOptions } from '../shared/parse-with-schema.js';
import { socketStreamLogger } from '../shared/socket-provider-connection.js';
import type { SttModelV1, SttStreamOptions, SttStreamV1 } from '../spec/stt-model-v1.js';
import {
  resolveDeepgramConnection,
  type DeepgramConnectionSettings,
} from './deepgram-connection-settings.js';
import {
  deepgramSttOptionsSchema,
  parseDeepgramSttOptions,
  type DeepgramSttOptions,
} from './deepgram-stt-options.js';
import { DeepgramSttStream } from './deepgram-stt-stream.js';

export interface DeepgramSttSettings extends DeepgramConnectionSettings {
  readonly model?: string;
  /** Silence in ms before Deepgram marks `speech_final` (default 300). */
  readonly endpointingMs?: number;
  /** Gap in ms before `UtteranceEnd` (default 1000, Deepgram's minimum). */
  readonly utteranceEndMs?: number;
  /** Punctuation and formatting (default true: the LLM reads the text). */
  readonly smartFormat?: boolean;
  /** Language when the stream names none (default `en`). */
  readonly language?: string;
  /** Idle gap in ms after which a KeepAlive is sent (default 4000; Deepgram closes after 10 s). */
  readonly keepAliveIntervalMs?: number;
  readonly closeTimeoutMs?: number;
  /** Audio held while connecting (default 64000 bytes: 8 s of μ-law). */
  readonly maxBufferedBytes?: number;
  /** Audio is sent to Deepgram in chunks of this many ms (default 100; Deepgram advises 20–100). */
  readonly audioChunkMs?: number;
}

/**
 * Deepgram live transcription over `/v1/listen`. Audio goes in as μ-law 8 kHz binary frames,
 * exactly as Twilio delivers it.
 *
 * @example
 * const stt = createDeepgramStt({ apiKey: process.env.DEEPGRAM_API_KEY });
 * const stream = await stt.stream({ language: 'en' });
 * stream.write(mulawBytes);
 * for await (const part of stream.parts) if (part.type === 'transcript-final') console.log(part.text);
 */
export function createDeepgramStt(settings: DeepgramSttSettings = {}): SttModelV1 {
  const connection = resolveDeepgramConnection(settings, 'stt');
  const modelId = settings.model ?? 'nova-3';
  const defaults = parseProviderOptions(
    deepgramSttOptionsSchema,
    {
      endpointingMs: settings.endpointingMs ?? 300,
      utteranceEndMs: settings.utteranceEndMs ?? 1000,
      smartFormat: settings.smartFormat ?? true,
    },
    'createDeepgramStt',
  );
  const keepAliveIntervalMs = positiveSetting(
    settings.keepAliveIntervalMs,
    4000,
    'keepAliveIntervalMs',
  );
  const connectTimeoutMs = positiveSetting(settings.connectTimeoutMs, 10_000, 'connectTimeoutMs');
  const closeTimeoutMs = positiveSetting(settings.closeTimeoutMs, 5000, 'closeTimeoutMs');
  const maxBufferedBytes = positiveSetting(settings.maxBufferedBytes, 64_000, 'maxBufferedBytes');
  // μ-law at 8 kHz: 8 bytes per ms.
  const sendChunkBytes = positiveSetting(settings.audioChunkMs, 100, 'audioChunkMs') * 8;

  return {
    specificationVersion: 'v1',
    provider: 'deepgram',
    modelId,
    capabilities: { streaming: true, interimResults: true, wordTimings: true, endpointing: true },
    inputFormat: MULAW_8K,
    async stream(options: SttStreamOptions): Promise<SttStreamV1> {
      const overrides = parseDeepgramSttOptions(options.providerOptions);
      const language = options.language ?? settings.language ?? 'en';
      const logger = socketStreamLogger(connection, options.logger);
      const url = buildListenUrl(connection.baseUrl, modelId, language, {
        ...defaults,
        ...overrides,
      });
      const stream = new DeepgramSttStream({
        url,
        headers: connection.headers,
        WebSocket: connection.WebSocket,
        keepAliveIntervalMs,
        closeTimeoutMs,
        connectTimeoutMs,
        maxBufferedBytes,
        sendChunkBytes,
        abortSignal: options.abortSignal,
        logger,
      });
      await stream.connect();
      logger.debug('Deepgram stream opened');
      return stream;
    },
  };
}

/** The `/v1/listen` URL with the query Deepgram needs for raw μ-law telephone audio. */
export function buildListenUrl(
  baseUrl: string,
  model: string,
  language: string,
  options: DeepgramSttOptions,
): string {
  const url = new URL(`${baseUrl}/v1/listen`);
  const query = url.searchParams;
  query.set('model', model);
  query.set('encoding', 'mulaw');
  query.set('sample_rate', '8000');
  query.set('channels', '1');
  query.set('interim_results', 'true');
  query.set('endpointing', String(options.endpointingMs ?? 300));
  query.set('utterance_end_ms', String(options.utteranceEndMs ?? 1000));
  query.set('vad_events', 'true');
  query.set('smart_format', String(options.smartFormat ?? true));
  query.set('language', language);
  for (const keyterm of options.keyterms ?? []) query.append('keyterm', keyterm);
  for (const [key, value] of Object.entries(options.extraQuery ?? {})) query.set(key, value);
  return url.toString();
}

function positiveSetting(value: number | undefined, fallback: number, setting: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigError(setting, `must be a positive number, got ${value}`);
  return value;
}
