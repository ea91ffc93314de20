import { WebSocket } from 'ws';
import { ConfigError } from '../../errors/config-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import {
  openProviderSocket,
  toWebSocketBaseUrl,
  type OpenSocket,
  type WebSocketConstructor,
} from './provider-socket.js';

/** The connection settings every WebSocket provider factory accepts. */
export interface SocketProviderSettings {
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly connectTimeoutMs?: number;
  readonly WebSocket?: WebSocketConstructor;
  readonly logger?: Logger;
}

/** What tells one WebSocket vendor from another when connecting. */
export interface SocketProviderIdentity {
  /** Provider id for errors and logs, e.g. `deepgram`. */
  readonly provider: string;
  /** Vendor name in configuration errors, e.g. `Deepgram`. */
  readonly vendorName: string;
  /** Environment variable the API key falls back to, e.g. `DEEPGRAM_API_KEY`. */
  readonly apiKeyVariable: string;
  /** Environment variable the base URL falls back to, e.g. `DEEPGRAM_BASE_URL`. */
  readonly baseUrlVariable: string;
  /** The public endpoint, used when neither the setting nor the variable is set. */
  readonly defaultBaseUrl: string;
  /** The authentication headers for a key. */
  readonly authHeaders: (apiKey: string) => Record<string, string>;
}

/** Settings after defaults and environment fallbacks, ready to open sockets. */
export interface SocketProviderConnection {
  readonly provider: string;
  /** Name used in connection errors, e.g. `Deepgram TTS`. */
  readonly displayName: string;
  /** WebSocket origin without a trailing slash. */
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly WebSocket: WebSocketConstructor;
  readonly connectTimeoutMs: number | undefined;
  /** A child logger tagged with the provider and the component. */
  readonly logger: Logger;
}

/**
 * Applies the API key and base URL fallbacks (setting, then environment variable, then the public
 * endpoint). Throws a ConfigError naming the setting or variable that is missing or malformed.
 */
export function resolveSocketProviderConnection(
  settings: SocketProviderSettings,
  identity: SocketProviderIdentity,
  use: { readonly component: 'stt' | 'tts'; readonly displayName: string },
): SocketProviderConnection {
  const apiKey = settings.apiKey ?? process.env[identity.apiKeyVariable];
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new ConfigError(
      identity.apiKeyVariable,
      `no ${identity.vendorName} API key: set the apiKey setting or the ${identity.apiKeyVariable} environment variable`,
    );
  }
  // An empty variable counts as unset, so a blank line in an env file does not break the default.
  const fromEnv = process.env[identity.baseUrlVariable] || undefined;
  const baseUrl = toWebSocketBaseUrl(
    settings.baseUrl ?? fromEnv ?? identity.defaultBaseUrl,
    settings.baseUrl === undefined && fromEnv !== undefined ? identity.baseUrlVariable : 'baseUrl',
  );
  return {
    provider: identity.provider,
    displayName: use.displayName,
    baseUrl,
    headers: identity.authHeaders(apiKey.trim()),
    WebSocket: settings.WebSocket ?? WebSocket,
    connectTimeoutMs: settings.connectTimeoutMs,
    logger: (settings.logger ?? silentLogger).child({
      provider: identity.provider,
      component: use.component,
    }),
  };
}

/** Opens a socket to `url` with the connection's headers and timeout (see `openProviderSocket`). */
export function openConnectionSocket(
  connection: SocketProviderConnection,
  url: string,
  abortSignal: AbortSignal | undefined,
): Promise<OpenSocket> {
  return openProviderSocket({
    provider: connection.provider,
    displayName: connection.displayName,
    url,
    headers: connection.headers,
    WebSocket: connection.WebSocket,
    connectTimeoutMs: connection.connectTimeoutMs,
    abortSignal,
  });
}
