import { WebSocket } from 'ws';
import { MULAW_8K } from '../../audio/audio-frame.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { TtsModelV1, TtsStreamOptions, TtsStreamV1 } from '../spec/tts-model-v1.js';
import {
  deepgramHeaders,
  resolveDeepgramApiKey,
  resolveDeepgramBaseUrl,
} from './deepgram-connection-settings.js';
import { DeepgramTtsStream } from './deepgram-tts-stream.js';
import { openProviderSocket, type WebSocketConstructor } from './provider-socket.js';

export interface DeepgramTtsSettings {
  /** Falls back to `DEEPGRAM_API_KEY`. */
  readonly apiKey?: string;
  /** Falls back to `DEEPGRAM_BASE_URL`, then `wss://api.deepgram.com`; http(s) maps to ws(s). */
  readonly baseUrl?: string;
  /** The Aura voice model (default `aura-2-thalia-en`); a stream's `voice` overrides it. */
  readonly model?: string;
  readonly connectTimeoutMs?: number;
  readonly WebSocket?: WebSocketConstructor;
  readonly logger?: Logger;
}

/**
 * Deepgram Aura text-to-speech over the `/v1/speak` WebSocket, μ-law 8 kHz out. One socket per
 * utterance: the engine opens a stream per agent turn.
 *
 * @example
 * const tts = createDeepgramTts({ model: 'aura-2-thalia-en' });
 * const stream = await tts.stream({ abortSignal });
 * stream.pushText('Hello, how can I help?');
 * stream.end();
 * for await (const part of stream.parts) if (part.type === 'audio') play(part.audio);
 */
export function createDeepgramTts(settings: DeepgramTtsSettings = {}): TtsModelV1 {
  const apiKey = resolveDeepgramApiKey(settings.apiKey);
  const baseUrl = resolveDeepgramBaseUrl(settings.baseUrl);
  const modelId = settings.model ?? 'aura-2-thalia-en';
  const logger = (settings.logger ?? silentLogger).child({
    provider: 'deepgram',
    component: 'tts',
  });

  return {
    specificationVersion: 'v1',
    provider: 'deepgram',
    modelId,
    capabilities: { streamingInput: true, alignment: false },
    outputFormat: MULAW_8K,
    async stream(options: TtsStreamOptions): Promise<TtsStreamV1> {
      const url = new URL(`${baseUrl}/v1/speak`);
      url.searchParams.set('model', options.voice ?? modelId);
      url.searchParams.set('encoding', 'mulaw');
      url.searchParams.set('sample_rate', '8000');
      const socket = await openProviderSocket({
        provider: 'deepgram',
        displayName: 'Deepgram TTS',
        url: url.toString(),
        headers: deepgramHeaders(apiKey),
        WebSocket: settings.WebSocket ?? WebSocket,
        connectTimeoutMs: settings.connectTimeoutMs,
        abortSignal: options.abortSignal,
      });
      return new DeepgramTtsStream(socket, { abortSignal: options.abortSignal, logger });
    },
  };
}
