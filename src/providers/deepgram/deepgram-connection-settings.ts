import type { Logger } from '../../logging/logger.js';
import type { WebSocketConstructor } from '../shared/provider-socket.js';
import {
  resolveSocketProviderConnection,
  type SocketProviderConnection,
} from '../shared/socket-provider-connection.js';

/** Connection settings shared by `createDeepgramStt` and `createDeepgramTts`. */
export interface DeepgramConnectionSettings {
  /** Falls back to `DEEPGRAM_API_KEY`; optional when the base URL is a local or private host. */
  readonly apiKey?: string;
  /** Falls back to `DEEPGRAM_BASE_URL`, then `wss://api.deepgram.com`; http(s) maps to ws(s). */
  readonly baseUrl?: string;
  readonly connectTimeoutMs?: number;
  readonly WebSocket?: WebSocketConstructor;
  readonly logger?: Logger;
}

/**
 * The key, origin, headers (`Authorization: Token …`), socket class and tagged logger for one
 * Deepgram model; throws a ConfigError naming `DEEPGRAM_API_KEY` (missing for a public host) or
 * the bad base URL setting.
 */
export function resolveDeepgramConnection(
  settings: DeepgramConnectionSettings,
  component: 'stt' | 'tts',
): SocketProviderConnection {
  return resolveSocketProviderConnection(
    settings,
    {
      provider: 'deepgram',
      vendorName: 'Deepgram',
      apiKeyVariable: 'DEEPGRAM_API_KEY',
      baseUrlVariable: 'DEEPGRAM_BASE_URL',
      defaultBaseUrl: 'wss://api.deepgram.com',
      authHeaders: (apiKey) => ({ Authorization: `Token ${apiKey}` }),
    },
    { component, displayName: component === 'tts' ? 'Deepgram TTS' : 'Deepgram' },
  );
}
