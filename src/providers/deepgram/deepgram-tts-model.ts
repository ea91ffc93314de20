import { MULAW_8K } from '../../audio/audio-frame.js';
import { openConnectionSocket, socketStreamLogger } from '../shared/socket-provider-connection.js';
import type { TtsModelV1, TtsStreamOptions, TtsStreamV1 } from '../spec/tts-model-v1.js';
import {
  resolveDeepgramConnection,
  type DeepgramConnectionSettings,
} from './deepgram-connection-settings.js';
import { createDeepgramTtsStream } from './deepgram-tts-stream.js';

export interface DeepgramTtsSettings extends DeepgramConnectionSettings {
  /** The Aura voice model (default `aura-2-thalia-en`); a stream's `voice` overrides it. */
  readonly model?: string;
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
  const connection = resolveDeepgramConnection(settings, 'tts');
  const modelId = settings.model ?? 'aura-2-thalia-en';

  return {
    specificationVersion: 'v1',
    provider: 'deepgram',
    modelId,
    capabilities: { streamingInput: true, alignment: false },
    outputFormat: MULAW_8K,
    async stream(options: TtsStreamOptions): Promise<TtsStreamV1> {
      const url = new URL(`${connection.baseUrl}/v1/speak`);
      url.searchParams.set('model', options.voice ?? modelId);
      url.searchParams.set('encoding', 'mulaw');
      url.searchParams.set('sample_rate', '8000');
      const socket = await openConnectionSocket(connection, url.toString(), options.abortSignal);
      return createDeepgramTtsStream(socket, {
        abortSignal: options.abortSignal,
        logger: socketStreamLogger(connection, options.logger),
      });
    },
  };
}
